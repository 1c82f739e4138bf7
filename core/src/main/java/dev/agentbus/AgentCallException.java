package dev.agentbus;

/**
 * A call to an agent method failed: the method does not exist, is not callable, threw, or its
 * arguments could not be mapped. The message is exactly the error text of the protocol's {@code
 * rpc} error frame (e.g. {@code Method foo does not exist}).
 */
public class AgentCallException extends RuntimeException {

  /**
   * Creates the exception with the agent's error text.
   *
   * @param message the error text sent by the agent
   */
  public AgentCallException(String message) {
    super(message, null, false, false);
  }
}
