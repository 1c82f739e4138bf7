package dev.agentbus.chat;

import org.jspecify.annotations.Nullable;

/**
 * A chat model call that failed: the model server answered with an error status, the connection
 * failed or was lost mid-reply, or it timed out. The message says which model and why in one line,
 * e.g. {@code openai model gpt-4o-mini at http://127.0.0.1:8000/v1 answered 401: Incorrect API key
 * provided}; the cause is LangChain4j's exception.
 */
public class ChatModelException extends RuntimeException {

  /** The HTTP status the model server answered with, or 0. */
  private final int status;

  /**
   * A failure of a model call.
   *
   * @param message one line: which model, and what went wrong
   * @param status the HTTP status the model server answered with, or 0 if it sent none
   * @param cause what failed underneath
   */
  public ChatModelException(String message, int status, @Nullable Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /**
   * {@return the HTTP status the model server answered with (401 for a bad key, 429 when rate
   * limited, 5xx when it failed), or 0 if the call failed without one}
   */
  public int status() {
    return status;
  }
}
