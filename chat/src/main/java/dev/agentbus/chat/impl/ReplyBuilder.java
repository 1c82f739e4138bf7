package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the assistant UI message from a reply's chunks, as the AI SDK's {@code useChat} does on
 * the page, so that the stored message is what the live page showed: {@code start} names it, {@code
 * start-step} adds a {@code step-start} part, {@code text-*} and {@code reasoning-*} build their
 * parts, {@code tool-*} chunks build and settle tool parts, {@code data-*}, {@code file} and {@code
 * source-*} add theirs, and the metadata of {@code start}, {@code message-metadata} and {@code
 * finish} is merged.
 */
public final class ReplyBuilder {

  private final JsonObject message;
  private final JsonArray parts;
  private final boolean continuation;
  private final Map<String, JsonObject> open = new HashMap<>();
  // the text of the open parts, written into them when asked for (a long reply is not copied for
  // each delta)
  private final Map<JsonObject, StringBuilder> openText = new java.util.IdentityHashMap<>();
  private final Map<String, StringBuilder> inputText = new HashMap<>();

  /** A builder for a new message; {@code id} is replaced by the {@code start} chunk's. */
  public ReplyBuilder() {
    message = new JsonObject().put("id", Ids.newId()).put("role", "assistant");
    parts = new JsonArray();
    message.put("parts", parts);
    continuation = false;
  }

  /**
   * A builder that adds to a stored message (a continuation): its id stays.
   *
   * @param continued the message continued
   */
  public ReplyBuilder(JsonObject continued) {
    message = continued.copy();
    parts = message.getValue("parts") instanceof JsonArray existing ? existing : new JsonArray();
    message.put("parts", parts);
    continuation = true;
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
        if (!continuation && chunk.getValue("messageId") instanceof String id) {
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
        openText.put(part, new StringBuilder());
        parts.add(part);
      }
      case "text-delta", "reasoning-delta" -> {
        JsonObject part = open.get(type.charAt(0) + String.valueOf(chunk.getValue("id")));
        if (part != null && chunk.getValue("delta") instanceof String delta) {
          openText.get(part).append(delta);
        }
      }
      case "text-end", "reasoning-end" -> {
        JsonObject part = open.remove(type.charAt(0) + String.valueOf(chunk.getValue("id")));
        if (part != null) {
          part.put("text", openText.remove(part).toString()).put("state", "done");
        }
      }
      case "file", "source-url", "source-document" -> parts.add(chunk.copy());
      default -> {
        if (type.startsWith("tool-")) {
          tool(type, chunk);
        } else if (type.startsWith("data-") && !Boolean.TRUE.equals(chunk.getValue("transient"))) {
          data(chunk);
        }
      }
    }
  }

  private void tool(String type, JsonObject chunk) {
    if (!(chunk.getValue("toolCallId") instanceof String callId)) {
      return;
    }
    JsonObject part = ToolParts.find(message, callId);
    if (part == null && (type.equals("tool-input-start") || type.equals("tool-input-available"))) {
      String name = String.valueOf(chunk.getValue("toolName"));
      boolean dynamic = Boolean.TRUE.equals(chunk.getValue("dynamic"));
      part =
          new JsonObject()
              .put("type", dynamic ? "dynamic-tool" : "tool-" + name)
              .put("toolCallId", callId)
              .put("toolName", name)
              .put("state", "input-streaming");
      for (String field : new String[] {"providerExecuted", "title"}) {
        if (chunk.containsKey(field)) {
          part.put(field, chunk.getValue(field));
        }
      }
      parts.add(part);
    }
    if (part == null) {
      return;
    }
    switch (type) {
      case "tool-input-delta" -> {
        StringBuilder text = inputText.computeIfAbsent(callId, k -> new StringBuilder());
        text.append(chunk.getValue("inputTextDelta") instanceof String d ? d : "");
        try {
          part.put("input", io.vertx.core.json.Json.decodeValue(text.toString()));
        } catch (RuntimeException e) {
          // partial JSON: the input stays as it was until it parses
        }
      }
      case "tool-input-available" ->
          part.put("state", "input-available").put("input", chunk.getValue("input"));
      case "tool-input-error" ->
          part.put("state", "output-error")
              .put("input", chunk.getValue("input"))
              .put("errorText", chunk.getValue("errorText"));
      case "tool-approval-request" ->
          part.put("state", "approval-requested")
              .put("approval", new JsonObject().put("id", chunk.getValue("approvalId")));
      case "tool-output-available" -> {
        part.put("state", "output-available").put("output", chunk.getValue("output"));
        if (chunk.containsKey("preliminary")) {
          part.put("preliminary", chunk.getValue("preliminary"));
        }
      }
      case "tool-output-error" ->
          part.put("state", "output-error").put("errorText", chunk.getValue("errorText"));
      case "tool-output-denied" -> part.put("state", "output-denied");
      default -> {}
    }
  }

  private void data(JsonObject chunk) {
    JsonObject part = chunk.copy();
    part.remove("transient");
    if (chunk.getValue("id") != null) {
      for (int i = 0; i < parts.size(); i++) {
        JsonObject existing = parts.getJsonObject(i);
        if (chunk.getValue("type").equals(existing.getValue("type"))
            && chunk.getValue("id").equals(existing.getValue("id"))) {
          parts.set(i, part);
          return;
        }
      }
    }
    parts.add(part);
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
    return live().copy();
  }

  /** {@return the message built so far, not a copy: a tool result may be applied to it} */
  JsonObject live() {
    openText.forEach((part, text) -> part.put("text", text.toString()));
    return message;
  }
}
