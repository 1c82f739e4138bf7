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

  /**
   * {@return the tool part of a message with this call id, or {@code null}}
   *
   * @param message a UI message
   * @param toolCallId the call
   */
  static JsonObject find(JsonObject message, String toolCallId) {
    for (Object part : parts(message)) {
      if (part instanceof JsonObject tool
          && isTool(tool)
          && toolCallId.equals(tool.getValue("toolCallId"))) {
        return tool;
      }
    }
    return null;
  }

  /**
   * Applies a client's tool result ({@code cf_agent_tool_result}) to the part in place: a part in
   * state {@code input-available}, {@code approval-requested} or {@code approval-responded} becomes
   * {@code output-available} (with {@code output} and {@code preliminary: false}) or, for {@code
   * state: "output-error"}, {@code output-error} (with {@code errorText}).
   *
   * @return whether the part changed
   */
  static boolean applyResult(JsonObject part, JsonObject frame) {
    if (!Set.of("input-available", "approval-requested", "approval-responded")
        .contains(part.getString("state", ""))) {
      return false;
    }
    if ("output-error".equals(frame.getValue("state"))) {
      part.put("state", "output-error")
          .put(
              "errorText",
              frame.getValue("errorText") instanceof String text
                  ? text
                  : "Tool execution denied by user");
    } else {
      part.put("state", "output-available")
          .put("output", frame.getValue("output"))
          .put("preliminary", false);
    }
    return true;
  }

  /**
   * Applies the user's answer to an approval request ({@code cf_agent_tool_approval}) to the part
   * in place: a part in state {@code input-available} or {@code approval-requested} becomes {@code
   * approval-responded}, or {@code output-denied} when refused.
   *
   * @return whether the part changed
   */
  static boolean applyApproval(JsonObject part, boolean approved) {
    if (!Set.of("input-available", "approval-requested").contains(part.getString("state", ""))) {
      return false;
    }
    String id =
        part.getValue("approval") instanceof JsonObject approval
                && approval.getValue("id") instanceof String existing
            ? existing
            : part.getString("toolCallId");
    part.put("state", approved ? "approval-responded" : "output-denied")
        .put("approval", new JsonObject().put("id", id).put("approved", approved));
    return true;
  }

  /** {@return whether a call of this message still waits for the page (a result or approval)} */
  static boolean anyWaiting(JsonObject message) {
    for (Object part : parts(message)) {
      if (part instanceof JsonObject tool
          && isTool(tool)
          && Set.of("input-streaming", "input-available", "approval-requested")
              .contains(tool.getString("state", ""))) {
        return true;
      }
    }
    return false;
  }

  /** {@return what the model is told a settled call gave, or {@code null} if it is not settled} */
  static String resultForModel(JsonObject part) {
    return switch (part.getString("state", "")) {
      case "output-available" -> io.vertx.core.json.Json.encode(part.getValue("output"));
      case "output-error" -> "Error: " + part.getValue("errorText");
      case "output-denied" -> "The user denied this tool call.";
      default -> null;
    };
  }

  /** {@return whether the user approved this call and it has not run yet} */
  static boolean isApprovedUnrun(JsonObject part) {
    return "approval-responded".equals(part.getValue("state"))
        && part.getValue("approval") instanceof JsonObject approval
        && Boolean.TRUE.equals(approval.getValue("approved"));
  }

  /** {@return the tool's name: {@code toolName}, else the type after {@code tool-}} */
  static String toolName(JsonObject part) {
    if (part.getValue("toolName") instanceof String name) {
      return name;
    }
    String type = part.getString("type", "");
    return type.startsWith("tool-") ? type.substring(5) : type;
  }

  private static JsonArray parts(JsonObject message) {
    return message.getValue("parts") instanceof JsonArray parts ? parts : new JsonArray();
  }

  static boolean isTool(JsonObject part) {
    String type = part.getString("type", "");
    return (type.startsWith("tool-") || type.equals("dynamic-tool"))
        && part.getValue("toolCallId") instanceof String;
  }
}
