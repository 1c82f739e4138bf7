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
 */
public interface StreamingResponse {

  /**
   * Sends one chunk.
   *
   * @param chunk any value Jackson can map to JSON
   * @throws IllegalStateException if the stream is already closed
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

  /** {@return whether {@link #end} or {@link #error} has been called} */
  boolean isClosed();
}
