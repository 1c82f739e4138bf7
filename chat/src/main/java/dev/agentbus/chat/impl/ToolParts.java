package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tool parts of UI messages ({@code tool-<name>} and {@code dynamic-tool}, keyed by {@code
 * toolCallId}): a settled one (its output or error known, or denied) is never taken back to an
 * earlier state by a client that has not seen it settle yet.
 */
final class ToolParts {

  private static final Set<String> SETTLED =
      Set.of("output-available", "output-error", "output-denied");

  private ToolParts() {}

  /**
   * {@return {@code incoming}, with each of its tool parts that {@code stored} has settled and it
   * has not replaced by the stored one}
   */
  static JsonObject keepSettled(JsonObject stored, JsonObject incoming) {
    Map<String, JsonObject> settled = new HashMap<>();
    for (Object part : parts(stored)) {
      if (part instanceof JsonObject tool
          && isTool(tool)
          && SETTLED.contains(tool.getString("state", ""))) {
        settled.put(tool.getString("toolCallId"), tool);
      }
    }
    if (settled.isEmpty()) {
      return incoming;
    }
    JsonArray merged = new JsonArray();
    for (Object part : parts(incoming)) {
      if (part instanceof JsonObject tool
          && isTool(tool)
          && !SETTLED.contains(tool.getString("state", ""))
          && settled.containsKey(tool.getString("toolCallId"))) {
        merged.add(settled.get(tool.getString("toolCallId")));
      } else {
        merged.add(part);
      }
    }
    return incoming.copy().put("parts", merged);
  }

  private static JsonArray parts(JsonObject message) {
    return message.getValue("parts") instanceof JsonArray parts ? parts : new JsonArray();
  }

  private static boolean isTool(JsonObject part) {
    String type = part.getString("type", "");
    return (type.startsWith("tool-") || type.equals("dynamic-tool"))
        && part.getValue("toolCallId") instanceof String;
  }
}
