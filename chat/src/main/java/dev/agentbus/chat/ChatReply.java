package dev.agentbus.chat;

import dev.agentbus.chat.impl.ModelReply;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The source of an assistant reply: once started, it writes AI SDK UI-message chunks ({@code
 * start}, {@code start-step}, {@code text-delta}, ..., {@code finish}) to a {@link Sink}, from any
 * thread, then ends or fails it exactly once. {@link ChatAgent} relays each chunk to the instance's
 * sockets and stores it.
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
   * A reply streamed from a LangChain4j model: {@code start} (with a new message id), {@code
   * start-step}, {@code text-start}, a {@code text-delta} per piece of text, {@code text-end},
   * {@code finish-step} and {@code finish} with {@code messageMetadata: {finishReason}}.
   *
   * @param model the model, usually the node's {@link NodeChatModel}
   * @param messages the conversation, in LangChain4j's form
   * @return the reply
   */
  static ChatReply fromModel(StreamingChatModel model, List<ChatMessage> messages) {
    return sink -> ModelReply.start(model, messages, sink);
  }

  /**
   * Where a reply's chunks go. Thread-safe; calls after {@link #end} or {@link #fail} are ignored.
   */
  interface Sink {

    /**
     * Sends one chunk.
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
  }
}
