package dev.agentbus.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages stream events, as its API sends them: {@code message_start}, for each content
 * block {@code content_block_start}, its {@code content_block_delta}s ({@code text_delta} or {@code
 * input_json_delta}) and {@code content_block_stop}, then {@code message_delta} with the stop
 * reason and {@code message_stop}; each {@code event: <type>} with its JSON as {@code data}.
 */
final class AnthropicEvents {

  private AnthropicEvents() {}

  /**
   * @param deltas the pieces of the reply's text
   * @return the whole stream of a text reply
   */
  static List<String> textReply(String... deltas) {
    List<String> events = new ArrayList<>();
    events.add(messageStart());
    events.add(blockStart(new JsonObject().put("type", "text").put("text", "")));
    events.add(event("ping", new JsonObject().put("type", "ping")));
    for (String delta : deltas) {
      events.add(textDelta(delta));
    }
    events.add(blockStop());
    events.add(messageEnd("end_turn"));
    events.add(event("message_stop", new JsonObject().put("type", "message_stop")));
    return events;
  }

  /**
   * @param id the tool use's id
   * @param name the tool
   * @param jsonPieces the pieces of its JSON input
   * @return the whole stream of a reply that uses one tool
   */
  static List<String> toolUseReply(String id, String name, String... jsonPieces) {
    List<String> events = new ArrayList<>();
    events.add(messageStart());
    events.add(
        blockStart(
            new JsonObject()
                .put("type", "tool_use")
                .put("id", id)
                .put("name", name)
                .put("input", new JsonObject())));
    for (String piece : jsonPieces) {
      events.add(
          delta(new JsonObject().put("type", "input_json_delta").put("partial_json", piece)));
    }
    events.add(blockStop());
    events.add(messageEnd("tool_use"));
    events.add(event("message_stop", new JsonObject().put("type", "message_stop")));
    return events;
  }

  /** {@return the event that carries a piece of text of block 0} */
  static String textDelta(String text) {
    return delta(new JsonObject().put("type", "text_delta").put("text", text));
  }

  /** {@return the first event of a reply} */
  static String messageStart() {
    JsonObject message =
        new JsonObject()
            .put("id", "msg_test")
            .put("type", "message")
            .put("role", "assistant")
            .put("content", new JsonArray())
            .put("model", "test-model")
            .putNull("stop_reason")
            .putNull("stop_sequence")
            .put("usage", new JsonObject().put("input_tokens", 12).put("output_tokens", 1));
    return event(
        "message_start", new JsonObject().put("type", "message_start").put("message", message));
  }

  /** {@return the start of text block 0} */
  static String textBlockStart() {
    return blockStart(new JsonObject().put("type", "text").put("text", ""));
  }

  /**
   * @param type e.g. {@code overloaded_error}
   * @param message what went wrong
   * @return an error event, as the API sends one mid-stream
   */
  static String error(String type, String message) {
    return event("error", errorBody(type, message));
  }

  /** {@return Anthropic's JSON error body} */
  static JsonObject errorBody(String type, String message) {
    return new JsonObject()
        .put("type", "error")
        .put("error", new JsonObject().put("type", type).put("message", message));
  }

  private static String blockStart(JsonObject block) {
    return event(
        "content_block_start",
        new JsonObject()
            .put("type", "content_block_start")
            .put("index", 0)
            .put("content_block", block));
  }

  private static String delta(JsonObject delta) {
    return event(
        "content_block_delta",
        new JsonObject().put("type", "content_block_delta").put("index", 0).put("delta", delta));
  }

  private static String blockStop() {
    return event(
        "content_block_stop", new JsonObject().put("type", "content_block_stop").put("index", 0));
  }

  private static String messageEnd(String stopReason) {
    return event(
        "message_delta",
        new JsonObject()
            .put("type", "message_delta")
            .put("delta", new JsonObject().put("stop_reason", stopReason).putNull("stop_sequence"))
            .put("usage", new JsonObject().put("output_tokens", 5)));
  }

  private static String event(String type, JsonObject data) {
    return "event: " + type + "\ndata: " + data.encode() + "\n\n";
  }
}
