package dev.agentbus.chat.impl;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * AI SDK UI messages in LangChain4j's form, for a model. A user or system message becomes its text
 * parts, joined. An assistant message becomes one {@link AiMessage} per step (its text and the tool
 * calls it made), each followed by the results of its settled calls (an output, an error, a
 * denial); a call without a result is left out, except the approved calls of the last message,
 * which the reply runs first ({@link Conversation#approved}). Files and reasoning are not passed
 * on.
 */
public final class UiMessages {

  private UiMessages() {}

  /**
   * A conversation for a model.
   *
   * @param messages the messages
   * @param approved the calls of the last assistant message that the user approved and that have
   *     not run: their results go at the end of {@code messages}
   */
  public record Conversation(List<ChatMessage> messages, List<ToolExecutionRequest> approved) {}

  /**
   * {@return the conversation}
   *
   * @param messages UI messages, oldest first
   * @param systemPrompt a system prompt to put first, or {@code null}
   */
  public static Conversation conversation(
      List<JsonObject> messages, @Nullable String systemPrompt) {
    List<ChatMessage> out = new ArrayList<>();
    List<ToolExecutionRequest> approved = new ArrayList<>();
    if (systemPrompt != null) {
      out.add(SystemMessage.from(systemPrompt));
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonObject message = messages.get(i);
      String role = String.valueOf(message.getValue("role"));
      if ("assistant".equals(role)) {
        assistant(message, out, i == messages.size() - 1 ? approved : null);
        continue;
      }
      String text = text(message);
      if (!text.isEmpty() && "user".equals(role)) {
        out.add(UserMessage.from(text));
      } else if (!text.isEmpty() && "system".equals(role)) {
        out.add(SystemMessage.from(text));
      }
    }
    return new Conversation(out, approved);
  }

  private static void assistant(
      JsonObject message, List<ChatMessage> out, @Nullable List<ToolExecutionRequest> approved) {
    StringBuilder text = new StringBuilder();
    List<ToolExecutionRequest> calls = new ArrayList<>();
    List<ChatMessage> results = new ArrayList<>();
    for (Object p : parts(message)) {
      if (!(p instanceof JsonObject part)) {
        continue;
      }
      String type = part.getString("type", "");
      if ("step-start".equals(type)) {
        flushStep(text, calls, results, out);
      } else if ("text".equals(type) && part.getValue("text") instanceof String s) {
        text.append(s);
      } else if (ToolParts.isTool(part)) {
        ToolExecutionRequest call = call(part);
        String result = ToolParts.resultForModel(part);
        if (result != null) {
          calls.add(call);
          results.add(ToolExecutionResultMessage.from(call, result));
        } else if (approved != null && ToolParts.isApprovedUnrun(part)) {
          calls.add(call);
          approved.add(call);
        }
      }
    }
    flushStep(text, calls, results, out);
  }

  private static void flushStep(
      StringBuilder text,
      List<ToolExecutionRequest> calls,
      List<ChatMessage> results,
      List<ChatMessage> out) {
    if (!calls.isEmpty()) {
      out.add(
          text.isEmpty()
              ? AiMessage.from(List.copyOf(calls))
              : AiMessage.from(text.toString(), List.copyOf(calls)));
    } else if (!text.isEmpty()) {
      out.add(AiMessage.from(text.toString()));
    }
    out.addAll(results);
    text.setLength(0);
    calls.clear();
    results.clear();
  }

  private static ToolExecutionRequest call(JsonObject part) {
    Object input = part.getValue("input");
    return ToolExecutionRequest.builder()
        .id(part.getString("toolCallId"))
        .name(ToolParts.toolName(part))
        .arguments(input == null ? "{}" : Json.encode(input))
        .build();
  }

  /** {@return a tool call's arguments as a JSON value; {@code {}} for none or broken JSON} */
  static Object input(@Nullable String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return new JsonObject();
    }
    try {
      return Json.decodeValue(arguments);
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  /**
   * {@return the text of a message's {@code text} parts, joined}
   *
   * @param message a UI message
   */
  public static String text(JsonObject message) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts(message)) {
      if (part instanceof JsonObject p
          && "text".equals(p.getValue("type"))
          && p.getValue("text") instanceof String s) {
        text.append(s);
      }
    }
    return text.toString();
  }

  private static JsonArray parts(JsonObject message) {
    return message.getValue("parts") instanceof JsonArray parts ? parts : new JsonArray();
  }
}
