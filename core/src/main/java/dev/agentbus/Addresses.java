package dev.agentbus;

import org.jspecify.annotations.Nullable;

/**
 * Builds and parses the event-bus addresses of agent instances. Every part of AgentBus that names
 * an instance on the bus goes through this class: the runtime (each live instance consumes its
 * instance address and publishes its state changes on its state address), the SockJS bridge (which
 * permits exactly these addresses) and the gateway.
 *
 * <ul>
 *   <li>instance address: {@code <prefix>.<agent>.<name>}, e.g. {@code
 *       agents.counter-agent.room-1};
 *   <li>state address: {@code <prefix>-state.<agent>.<name>}.
 * </ul>
 *
 * Agent names never contain a dot (they are kebab-case), so the first dot after the prefix ends the
 * agent name and everything after it, dots included, is the instance name.
 */
public final class Addresses {

  /** Which kind of address a parsed address is. */
  public enum Kind {
    /** The address an instance consumes: frames in, answers out. */
    INSTANCE,
    /** The address an instance publishes its state changes on. */
    STATE
  }

  /**
   * An address taken apart.
   *
   * @param kind instance or state address
   * @param agent the agent's public name (not checked against the registered agents)
   * @param name the instance name (not checked against the name rules)
   */
  public record Parsed(Kind kind, String agent, String name) {}

  private final String prefix;
  private final String instancePrefix;
  private final String statePrefix;

  /**
   * Addresses under a prefix.
   *
   * @param prefix the runtime's address prefix ({@code AgentBusOptions.addressPrefix})
   */
  public Addresses(String prefix) {
    this.prefix = prefix;
    this.instancePrefix = prefix + ".";
    this.statePrefix = prefix + "-state.";
  }

  /** {@return the prefix these addresses start with} */
  public String prefix() {
    return prefix;
  }

  /**
   * {@return {@code <prefix>.<agent>.<name>}}
   *
   * @param agent an agent's public name
   * @param name an instance name
   */
  public String instance(String agent, String name) {
    return instancePrefix + agent + "." + name;
  }

  /**
   * {@return {@code <prefix>-state.<agent>.<name>}}
   *
   * @param agent an agent's public name
   * @param name an instance name
   */
  public String state(String agent, String name) {
    return statePrefix + agent + "." + name;
  }

  /**
   * A regular expression matching every instance address (for event-bus bridge permissions). It
   * matches in dot-all mode, since an instance name may contain line breaks.
   *
   * @return the pattern's source
   */
  public String instancePattern() {
    return "(?s)" + java.util.regex.Pattern.quote(instancePrefix) + "[a-z0-9-]+\\..+";
  }

  /**
   * A regular expression matching every state address (dot-all, as {@link #instancePattern()}).
   *
   * @return the pattern's source
   */
  public String statePattern() {
    return "(?s)" + java.util.regex.Pattern.quote(statePrefix) + "[a-z0-9-]+\\..+";
  }

  /**
   * Takes an address apart.
   *
   * @param address any address
   * @return its kind, agent and instance name, or {@code null} if it is neither an instance nor a
   *     state address (or its agent or name part is empty)
   */
  public @Nullable Parsed parse(@Nullable String address) {
    if (address == null) {
      return null;
    }
    if (address.startsWith(instancePrefix)) {
      return split(Kind.INSTANCE, address, instancePrefix.length());
    }
    if (address.startsWith(statePrefix)) {
      return split(Kind.STATE, address, statePrefix.length());
    }
    return null;
  }

  /**
   * Takes an instance address apart.
   *
   * @param address any address
   * @return the parsed instance address, or {@code null} if it is not one
   */
  public @Nullable Parsed parseInstance(String address) {
    return address.startsWith(instancePrefix)
        ? split(Kind.INSTANCE, address, instancePrefix.length())
        : null;
  }

  private static @Nullable Parsed split(Kind kind, String address, int start) {
    int dot = address.indexOf('.', start);
    if (dot <= start || dot == address.length() - 1) {
      return null;
    }
    return new Parsed(kind, address.substring(start, dot), address.substring(dot + 1));
  }
}
