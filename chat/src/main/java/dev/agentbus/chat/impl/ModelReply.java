package dev.agentbus.chat.impl;

import dev.agentbus.chat.ChatReply;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.List;

/**
 * Turns a LangChain4j model's streaming callbacks into AI SDK UI-message chunks: {@code start} (a
 * new message id), {@code start-step}, {@code text-start}, {@code text-delta}..., {@code text-end},
 * {@code finish-step}, {@code finish} with {@code messageMetadata: {finishReason}}. Tool calls are
 * not handled yet.
 */
public final class ModelReply implements StreamingChatResponseHandler {

  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ChatReply.Sink sink;
  private boolean textOpen;

  private ModelReply(ChatReply.Sink sink) {
    this.sink = sink;
  }

  /**
   * Starts the model's reply, its chunks going to the sink.
   *
   * @param model the model
   * @param messages the conversation
   * @param sink where the chunks go
   */
  public static void start(
      StreamingChatModel model, List<ChatMessage> messages, ChatReply.Sink sink) {
    ModelReply reply = new ModelReply(sink);
    sink.write(new JsonObject().put("type", "start").put("messageId", newId()));
    sink.write(new JsonObject().put("type", "start-step"));
    try {
      model.chat(ChatRequest.builder().messages(messages).build(), reply);
    } catch (RuntimeException e) {
      sink.fail(e);
    }
  }

  /** {@return a new random message id, 16 letters and digits} */
  public static String newId() {
    StringBuilder id = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  @Override
  public synchronized void onPartialResponse(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (!textOpen) {
      sink.write(new JsonObject().put("type", "text-start").put("id", "t0"));
      textOpen = true;
    }
    sink.write(new JsonObject().put("type", "text-delta").put("id", "t0").put("delta", text));
  }

  @Override
  public synchronized void onCompleteResponse(ChatResponse response) {
    if (textOpen) {
      sink.write(new JsonObject().put("type", "text-end").put("id", "t0"));
      textOpen = false;
    }
    sink.write(new JsonObject().put("type", "finish-step"));
    sink.write(
        new JsonObject()
            .put("type", "finish")
            .put(
                "messageMetadata",
                new JsonObject().put("finishReason", finishReason(response.finishReason()))));
    sink.end();
  }

  @Override
  public void onError(Throwable error) {
    sink.fail(error);
  }

  /** The AI SDK's name of a LangChain4j finish reason. */
  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_EXECUTION -> "tool-calls";
      case CONTENT_FILTER -> "content-filter";
      default -> "other";
    };
  }
}
