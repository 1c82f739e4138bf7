package dev.agentbus.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI chat-completions stream events, as OpenAI and the compatible servers send them: {@code
 * data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{...}}]}}, the last chunk
 * with a {@code finish_reason}, a usage chunk, then {@code data: [DONE]}.
 */
final class OpenAiEvents {

  static final String DONE = "data: [DONE]\n\n";

  private OpenAiEvents() {}

  /**
   * @param deltas the pieces of the reply's text
   * @return the whole stream of a text reply, ending in {@code [DONE]}
   */
  static List<String> textReply(String... deltas) {
    List<String> events = new ArrayList<>();
    events.add(chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
    for (String delta : deltas) {
      events.add(textDelta(delta));
    }
    events.add(chunk(new JsonObject(), "stop"));
    events.add(usage());
    events.add(DONE);
    return events;
  }

  /**
   * @param id the call's id
   * @param name the tool
   * @param argumentPieces the pieces of its JSON arguments
   * @return the whole stream of a reply that calls one tool, ending in {@code [DONE]}
   */
  static List<String> toolCallReply(String id, String name, String... argumentPieces) {
    List<String> events = new ArrayList<>();
    JsonObject start =
        new JsonObject()
            .put("index", 0)
            .put("id", id)
            .put("type", "function")
            .put("function", new JsonObject().put("name", name).put("arguments", ""));
    events.add(
        chunk(
            new JsonObject()
                .put("role", "assistant")
                .putNull("content")
                .put("tool_calls", new JsonArray().add(start)),
            null));
    for (String piece : argumentPieces) {
      JsonObject fragment =
          new JsonObject()
              .put("index", 0)
              .put("function", new JsonObject().put("arguments", piece));
      events.add(chunk(new JsonObject().put("tool_calls", new JsonArray().add(fragment)), null));
    }
    events.add(chunk(new JsonObject(), "tool_calls"));
    events.add(usage());
    events.add(DONE);
    return events;
  }

  /** {@return one chunk that carries a piece of text} */
  static String textDelta(String text) {
    return chunk(new JsonObject().put("content", text), null);
  }

  private static String chunk(JsonObject delta, String finishReason) {
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta);
    choice.put("finish_reason", finishReason);
    return data(base().put("choices", new JsonArray().add(choice)));
  }

  private static String usage() {
    return data(
        base()
            .put("choices", new JsonArray())
            .put(
                "usage",
                new JsonObject()
                    .put("prompt_tokens", 12)
                    .put("completion_tokens", 5)
                    .put("total_tokens", 17)));
  }

  private static JsonObject base() {
    return new JsonObject()
        .put("id", "chatcmpl-test")
        .put("object", "chat.completion.chunk")
        .put("created", 1_700_000_000)
        .put("model", "test-model");
  }

  private static String data(JsonObject json) {
    return "data: " + json.encode() + "\n\n";
  }
}
