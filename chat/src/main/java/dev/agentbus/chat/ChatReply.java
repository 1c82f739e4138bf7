package dev.agentbus.chat;

import io.vertx.core.json.JsonObject;

/**
 * The source of an assistant reply: once started, it writes AI SDK UI-message chunks ({@code
 * start}, {@code start-step}, {@code text-delta}, ..., {@code finish}) to a {@link Sink}, from any
 * thread, then ends or fails it exactly once. {@link ChatAgent} relays each chunk to the instance's
 * sockets and stores it. {@link ChatAgent#streamFrom} makes one from a model, with the agent's
 * tools.
 */
@FunctionalInterface
public interface ChatReply {

  /**
   * Starts the reply; returns at once (the chunks may come later, from another thread).
   *
   * @param sink where the chunks go
   */
  void start(Sink sink);

  /**
   * Where a reply's chunks go. Thread-safe; calls after {@link #end} or {@link #fail} are ignored.
   */
  interface Sink {

    /**
     * Sends one chunk. The chunk is the sink's from then on: do not change it afterwards.
     *
     * @param chunk a UI-message chunk, an object with a string {@code type}
     */
    void write(JsonObject chunk);

    /** Ends the reply normally. */
    void end();

    /**
     * Ends the reply with an error (an error frame, then the terminal frame with outcome {@code
     * error}).
     *
     * @param error what went wrong; its message is sent to the clients
     */
    void fail(Throwable error);

    /**
     * {@return whether the turn was cancelled (the client's cancel, a clear, a shutdown): what is
     * written after that is dropped, and the reply should stop its work}
     */
    boolean isCancelled();

    /**
     * Runs a task when the turn is cancelled (at once if it already is), e.g. to stop a model call.
     * The task runs on the instance's context and must not block.
     *
     * @param task what stops the reply's work
     */
    void onCancel(Runnable task);
  }
}
