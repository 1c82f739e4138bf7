package dev.agentbus.impl.type;

import dev.agentbus.AgentName;
import java.util.regex.Pattern;

/** Public agent names: the kebab-case rule of docs/protocol.md#urls and the explicit annotation. */
public final class AgentNames {

  private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-+[a-z0-9]+)*");

  private AgentNames() {}

  /**
   * The public name of an agent class: its {@link AgentName} if present, else its simple name in
   * kebab-case.
   *
   * @param agentClass the class
   * @return the name
   * @throws IllegalArgumentException if the result is not a usable name
   */
  public static String of(Class<?> agentClass) {
    AgentName explicit = agentClass.getAnnotation(AgentName.class);
    String name = explicit != null ? explicit.value() : kebabCase(agentClass.getSimpleName());
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "Agent name '"
              + name
              + "' of "
              + agentClass.getName()
              + " must match [a-z0-9]+(-[a-z0-9]+)*; use @AgentName to choose one");
    }
    return name;
  }

  /**
   * Whether a string can be an agent name (lower-case letters, digits, inner dashes).
   *
   * @param name the candidate
   * @return true if valid
   */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /**
   * Kebab-case as the Agents SDK computes it: an all-upper-case name is lower-cased; otherwise each
   * upper-case letter becomes {@code -} and its lower case. Then {@code _} becomes {@code -} and a
   * leading or trailing {@code -} is dropped.
   *
   * @param name e.g. {@code CounterAgent} or {@code MY_AGENT}
   * @return e.g. {@code counter-agent} or {@code my-agent}
   */
  public static String kebabCase(String name) {
    String result;
    if (name.equals(name.toUpperCase()) && !name.equals(name.toLowerCase())) {
      result = name.toLowerCase().replace('_', '-');
    } else {
      StringBuilder out = new StringBuilder(name.length() + 8);
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (Character.isUpperCase(c)) {
          out.append('-').append(Character.toLowerCase(c));
        } else {
          out.append(c == '_' ? '-' : c);
        }
      }
      result = out.toString();
    }
    int start = 0;
    int end = result.length();
    while (start < end && result.charAt(start) == '-') {
      start++;
    }
    while (end > start && result.charAt(end - 1) == '-') {
      end--;
    }
    return result.substring(start, end);
  }
}
