package dev.agentbus.chat;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One turn of a chat, as {@link ChatAgent#onChatMessage} gets it: the transcript after the
 * request's messages were written, and what else the request carried.
 *
 * @param requestId the id of the {@code cf_agent_use_chat_request} (every response frame carries
 *     it), or one made by the server for a continuation
 * @param messages the stored transcript, as AI SDK UI messages, oldest first
 * @param trigger {@code submit-message} or {@code regenerate-message}
 * @param extraBody the request body's keys other than {@code messages}, {@code trigger} and {@code
 *     clientTools} (a continuation gets the last request's)
 * @param clientTools the tools the page runs itself ({@code name}, {@code description}?, {@code
 *     parameters}? as JSON Schema), from the last request or tool result that listed them
 * @param continuation whether the server started this turn to go on after tool results or
 *     approvals; its chunks are added to the last assistant message
 */
public record ChatTurn(
    String requestId,
    List<JsonObject> messages,
    String trigger,
    JsonObject extraBody,
    List<JsonObject> clientTools,
    boolean continuation) {

  /** {@return the text parts of the last user message, joined; empty if there is none} */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).getValue("role"))) {
        return dev.agentbus.chat.impl.UiMessages.text(messages.get(i));
      }
    }
    return "";
  }
}
