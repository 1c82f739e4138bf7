package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Instance and state addresses: built, taken apart, and matched as the event-bus bridge does. */
class AddressesTest {

  final Addresses addresses = new Addresses("agents");

  /** Instance names are any non-empty string: dots, slashes, spaces, control characters, emoji. */
  static final List<String> NAMES =
      List.of(
          "room-1",
          "a.b.c",
          ".",
          "..",
          "room.",
          ".room",
          "agents.counter-agent.x",
          "../../etc/passwd",
          " ",
          "日本語の部屋",
          "emoji 🚀",
          "nul\u0000byte",
          "line\nbreak",
          "carriage\rreturn",
          "separators\u2028\u2029\u0085",
          "x".repeat(4096));

  /** Matches as the SockJS bridge matches a permitted address regex: the whole address. */
  static boolean permits(String regex, String address) {
    return Pattern.compile(regex).matcher(address).matches();
  }

  @Test
  void instanceAndStateAddressesAreBuiltFromThePrefixAgentAndName() {
    assertEquals("agents", addresses.prefix());
    assertEquals("agents.counter-agent.room-1", addresses.instance("counter-agent", "room-1"));
    assertEquals("agents-state.counter-agent.room-1", addresses.state("counter-agent", "room-1"));
    assertEquals("agents.counter-agent.a.b.c", addresses.instance("counter-agent", "a.b.c"));
  }

  @Test
  void everyNameComesBackWholeFromItsInstanceAndStateAddress() {
    for (String name : NAMES) {
      assertEquals(
          new Addresses.Parsed(Addresses.Kind.INSTANCE, "counter-agent", name),
          addresses.parse(addresses.instance("counter-agent", name)),
          name);
      assertEquals(
          new Addresses.Parsed(Addresses.Kind.INSTANCE, "counter-agent", name),
          addresses.parseInstance(addresses.instance("counter-agent", name)),
          name);
      assertEquals(
          new Addresses.Parsed(Addresses.Kind.STATE, "counter-agent", name),
          addresses.parse(addresses.state("counter-agent", name)),
          name);
    }
  }

  @Test
  void addressesWithAnEmptyPartOrAnotherPrefixAreNotInstanceAddresses() {
    for (String address :
        List.of(
            "",
            "agents",
            "agents.",
            "agents.counter-agent",
            "agents.counter-agent.",
            "agents..room-1",
            "agents-state.counter-agent.",
            "agents-state..room-1",
            "agentsX.counter-agent.room-1",
            "other.counter-agent.room-1",
            "__vertx.reply.1")) {
      assertNull(addresses.parse(address), address);
      assertNull(addresses.parseInstance(address), address);
    }
    assertNull(addresses.parse(null));
    assertNull(
        addresses.parseInstance(addresses.state("counter-agent", "room-1")),
        "a state address is not an instance address");
  }

  @Test
  void theBridgePatternsPermitEveryInstanceAndStateAddress() {
    for (String name : NAMES) {
      String instance = addresses.instance("counter-agent", name);
      String state = addresses.state("counter-agent", name);
      assertTrue(permits(addresses.instancePattern(), instance), instance);
      assertTrue(permits(addresses.statePattern(), state), state);
      assertFalse(permits(addresses.instancePattern(), state), state);
      assertFalse(permits(addresses.statePattern(), instance), instance);
    }
  }

  @Test
  void theBridgePatternsPermitNothingElse() {
    for (String address :
        List.of(
            "agents",
            "agents.counter-agent",
            "agents.counter-agent.",
            "agents..room-1",
            "agents.Counter.room-1",
            "agents.counter_agent.room-1",
            "agentsX.counter-agent.room-1",
            "xagents.counter-agent.room-1",
            "__vertx.reply.1",
            "vertx.internal",
            "agents-state",
            "agents-stateX.counter-agent.room-1")) {
      assertFalse(permits(addresses.instancePattern(), address), address);
      assertFalse(permits(addresses.statePattern(), address), address);
    }
  }

  @Test
  void aPrefixWithADotIsMatchedLiterally() {
    Addresses dotted = new Addresses("my.agents");
    String instance = dotted.instance("counter-agent", "a.b");
    String state = dotted.state("counter-agent", "a.b");
    assertEquals("my.agents.counter-agent.a.b", instance);
    assertEquals("my.agents-state.counter-agent.a.b", state);
    assertEquals(
        new Addresses.Parsed(Addresses.Kind.INSTANCE, "counter-agent", "a.b"),
        dotted.parse(instance));
    assertEquals(
        new Addresses.Parsed(Addresses.Kind.STATE, "counter-agent", "a.b"), dotted.parse(state));
    assertTrue(permits(dotted.instancePattern(), instance));
    assertTrue(permits(dotted.statePattern(), state));

    // the dot is no regex wildcard, and a shorter prefix is no match
    for (String other :
        List.of(
            "myXagents.counter-agent.a.b",
            "myXagents-state.counter-agent.a.b",
            "my.counter-agent.a.b",
            "agents.counter-agent.a.b")) {
      assertNull(dotted.parse(other), other);
      assertFalse(permits(dotted.instancePattern(), other), other);
      assertFalse(permits(dotted.statePattern(), other), other);
    }
  }
}
