package dev.agentbus;

/**
 * The body of a streaming HTTP answer ({@link AgentResponse#stream} or {@link
 * AgentResponse#events}). Each write reaches the client as it is made; a write blocks (parking the
 * agent's virtual thread, and letting the instance take other messages) while the client's
 * connection is congested. Once the client has gone away a write throws {@link
 * StreamCancelledException}: let it propagate (the request ends quietly) or check {@link #isOpen}.
 */
public interface ResponseStream {

  /**
   * Writes a chunk of text (chunked streams) or one event's data (event streams: {@code data:
   * <text>\n\n}, with each line of the text on its own {@code data:} line).
   *
   * @param text the chunk or the event's data
   * @throws StreamCancelledException if the client has gone away
   */
  void write(String text);

  /**
   * Writes a named event (event streams only).
   *
   * @param event the event name
   * @param data its data
   * @throws StreamCancelledException if the client has gone away
   */
  void event(String event, String data);

  /** Ends the response. */
  void end();

  /** {@return whether the client is still connected and the stream not ended} */
  boolean isOpen();
}
