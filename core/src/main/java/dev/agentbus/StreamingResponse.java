package dev.agentbus;

import org.jspecify.annotations.Nullable;

/**
 * The answer channel of a streaming {@link Callable} method: any number of chunks, then exactly one
 * {@link #end} or {@link #error}. Each chunk reaches the caller as it is sent ({@code done:false});
 * the end carries the final value ({@code done:true}). Calls after the stream is closed are
 * ignored, except {@link #send}, which throws.
 *
 * <p>May be used after the method has returned (from a timer or a future's callback on the agent's
 * context): the call stays open until the stream is closed.
 *
 * <p><b>Back-pressure.</b> {@link #send} waits while the client cannot take more (its socket's
 * write buffer, {@code streamBufferBytes} in the gateway's options, is full; for a caller on the
 * bus, while a window of chunks is unacknowledged). Waiting parks the agent's virtual thread, and
 * the instance may take other messages meanwhile, as at any await. A producer therefore runs at its
 * client's pace and the memory a stream holds stays bounded.
 *
 * <p><b>Cancellation.</b> When the client goes away, or the runtime stops, the stream is cancelled:
 * {@link #isCancelled} turns true, the call's turn ends, and the next {@link #send} throws {@link
 * StreamCancelledException} (let it propagate: the runtime ends the call quietly).
 */
public interface StreamingResponse {

  /**
   * Sends one chunk.
   *
   * <p>Waits (parking the virtual thread) while the client's buffer is full.
   *
   * @param chunk any value Jackson can map to JSON
   * @throws StreamCancelledException if the client has gone away or the runtime is stopping
   * @throws IllegalStateException if the stream is already closed by {@link #end} or {@link #error}
   */
  void send(@Nullable Object chunk);

  /**
   * Closes the stream with a final value.
   *
   * @param finalValue the final result, or {@code null} for none
   */
  void end(@Nullable Object finalValue);

  /** Closes the stream without a final value. */
  default void end() {
    end(null);
  }

  /**
   * Closes the stream with an error; the caller receives the chunks sent so far, then this error.
   *
   * @param message the error text the caller sees
   */
  void error(String message);

  /** {@return whether {@link #end} or {@link #error} has been called, or the stream cancelled} */
  boolean isClosed();

  /**
   * {@return whether the client went away (or the runtime is stopping): nothing more can be sent}
   */
  boolean isCancelled();
}
