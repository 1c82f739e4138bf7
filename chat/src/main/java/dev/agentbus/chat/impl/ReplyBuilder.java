package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the assistant UI message from a reply's chunks, as the AI SDK's {@code useChat} does on
 * the page, so that the stored message is what the live page showed: {@code start} names it, {@code
 * start-step} adds a {@code step-start} part, {@code text-*} and {@code reasoning-*} build their
 * parts, and the metadata of {@code start}, {@code message-metadata} and {@code finish} is merged.
 * Tool, file, source and data chunks are not handled yet.
 */
public final class ReplyBuilder {

  private final JsonObject message = new JsonObject().put("role", "assistant");
  private final JsonArray parts = new JsonArray();
  private final Map<String, JsonObject> open = new HashMap<>();

  /** A builder for a new message; {@code id} is replaced by the {@code start} chunk's. */
  public ReplyBuilder() {
    message.put("id", ModelReply.newId()).put("parts", parts);
  }

  /**
   * Applies one chunk.
   *
   * @param chunk a UI-message chunk
   */
  public void apply(JsonObject chunk) {
    String type = String.valueOf(chunk.getValue("type"));
    switch (type) {
      case "start" -> {
        if (chunk.getValue("messageId") instanceof String id) {
          message.put("id", id);
        }
        mergeMetadata(chunk);
      }
      case "message-metadata", "finish" -> mergeMetadata(chunk);
      case "start-step" -> parts.add(new JsonObject().put("type", "step-start"));
      case "text-start", "reasoning-start" -> {
        JsonObject part =
            new JsonObject()
                .put("type", type.substring(0, type.indexOf('-')))
                .put("text", "")
                .put("state", "streaming");
        open.put(type.charAt(0) + String.valueOf(chunk.getValue("id")), part);
        parts.add(part);
      }
      case "text-delta", "reasoning-delta" -> {
        JsonObject part = open.get(type.charAt(0) + String.valueOf(chunk.getValue("id")));
        if (part != null && chunk.getValue("delta") instanceof String delta) {
          part.put("text", part.getString("text") + delta);
        }
      }
      case "text-end", "reasoning-end" -> {
        JsonObject part = open.remove(type.charAt(0) + String.valueOf(chunk.getValue("id")));
        if (part != null) {
          part.put("state", "done");
        }
      }
      default -> {}
    }
  }

  private void mergeMetadata(JsonObject chunk) {
    if (chunk.getValue("messageMetadata") instanceof JsonObject meta) {
      JsonObject merged = message.getJsonObject("metadata", new JsonObject()).mergeIn(meta, true);
      message.put("metadata", merged);
    }
  }

  /** {@return the message id (the {@code start} chunk's once it came)} */
  public String id() {
    return message.getString("id");
  }

  /** {@return the message built so far} */
  public JsonObject message() {
    return message.copy();
  }
}
