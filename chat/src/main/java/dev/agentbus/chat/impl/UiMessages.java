package dev.agentbus.chat.impl;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * AI SDK UI messages in LangChain4j's form, for a model: each message's text parts joined, by role.
 * Messages without text are left out (tool parts, files and reasoning are not passed on yet).
 */
public final class UiMessages {

  private UiMessages() {}

  /**
   * {@return the conversation as LangChain4j messages}
   *
   * @param messages UI messages, oldest first
   */
  public static List<ChatMessage> toLangChain4j(List<JsonObject> messages) {
    List<ChatMessage> out = new ArrayList<>();
    for (JsonObject message : messages) {
      String text = text(message);
      if (text.isEmpty()) {
        continue;
      }
      switch (String.valueOf(message.getValue("role"))) {
        case "user" -> out.add(UserMessage.from(text));
        case "assistant" -> out.add(AiMessage.from(text));
        case "system" -> out.add(SystemMessage.from(text));
        default -> {}
      }
    }
    return out;
  }

  /** {@return the text of a message's {@code text} parts, joined} */
  static String text(JsonObject message) {
    StringBuilder text = new StringBuilder();
    if (message.getValue("parts") instanceof JsonArray parts) {
      for (Object part : parts) {
        if (part instanceof JsonObject p
            && "text".equals(p.getValue("type"))
            && p.getValue("text") instanceof String s) {
          text.append(s);
        }
      }
    }
    return text.toString();
  }
}
