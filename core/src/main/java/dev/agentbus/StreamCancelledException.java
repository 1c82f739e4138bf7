package dev.agentbus;

/**
 * Thrown by {@link StreamingResponse#send} and {@link ResponseStream#write} once the client of the
 * stream has gone away (its socket closed, its HTTP connection dropped, the calling consumer left)
 * or the runtime is shutting down. Nothing more can reach that client.
 *
 * <p>A streaming method may let it propagate: the runtime ends the call's turn quietly (nothing is
 * logged and no error frame is sent). A method that produces from timers or callbacks instead
 * should poll {@link StreamingResponse#isCancelled} or {@link ResponseStream#isOpen} and stop.
 */
public final class StreamCancelledException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /**
   * A cancellation with its reason.
   *
   * @param message why the stream was cancelled
   */
  public StreamCancelledException(String message) {
    super(message);
  }
}
