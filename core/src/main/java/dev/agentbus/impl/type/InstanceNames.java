package dev.agentbus.impl.type;

import java.nio.charset.StandardCharsets;

/** The rule every entry point applies to instance names: non-empty, valid Unicode, bounded. */
public final class InstanceNames {

  private final int maxBytes;

  /**
   * @param maxBytes the longest name in UTF-8 bytes ({@code maxNameBytes})
   */
  public InstanceNames(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * @param name a candidate instance name
   * @return the name
   * @throws IllegalArgumentException with the reason if it is empty, too long or not valid Unicode
   */
  public String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Instance name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "Instance name is not valid Unicode (lone surrogate at index " + i + ")");
      }
    }
    if (name.length() <= maxBytes / 3) {
      return name; // at most 3 UTF-8 bytes per char: within the limit without encoding it
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw new IllegalArgumentException(
          "Instance name is "
              + bytes
              + " bytes long; the limit is "
              + maxBytes
              + " (maxNameBytes)");
    }
    return name;
  }

  /**
   * @param name a candidate instance name
   * @return the name if it is accepted, else {@code null}
   */
  public String acceptable(String name) {
    try {
      return check(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
