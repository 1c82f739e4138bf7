package dev.agentbus;

/**
 * The body of a streaming HTTP answer ({@link AgentResponse#stream} or {@link
 * AgentResponse#events}). Each write reaches the client as it is made; a write blocks (parking the
 * agent's virtual thread, and letting the instance take other messages) while the client's
 * connection is congested. Writes after the client went away are dropped: check {@link #isOpen}.
 */
public interface ResponseStream {

  /**
   * Writes a chunk of text (chunked streams) or one event's data (event streams: {@code data:
   * <text>\n\n}, with each line of the text on its own {@code data:} line).
   *
   * @param text the chunk or the event's data
   */
  void write(String text);

  /**
   * Writes a named event (event streams only).
   *
   * @param event the event name
   * @param data its data
   */
  void event(String event, String data);

  /** Ends the response. */
  void end();

  /** {@return whether the client is still connected and the stream not ended} */
  boolean isOpen();
}
