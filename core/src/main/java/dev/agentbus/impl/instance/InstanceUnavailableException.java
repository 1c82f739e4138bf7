package dev.agentbus.impl.instance;

import dev.agentbus.AgentCallException;
import dev.agentbus.impl.node.InstanceKey;

/**
 * The answer to every message for an instance whose database file cannot be read, in words for the
 * caller: it names the instance and says why, and leaves out where the file is (the log says).
 */
final class InstanceUnavailableException extends AgentCallException {

  InstanceUnavailableException(InstanceKey key, String reason) {
    super(
        "Instance "
            + key.agent()
            + "/"
            + key.name()
            + " is unavailable: its database file is unreadable ("
            + reason
            + ")");
  }
}
