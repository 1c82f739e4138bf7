package dev.agentbus.chat;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One turn of a chat, as {@link ChatAgent#onChatMessage} gets it: the transcript after the
 * request's messages were written, and what else the request carried.
 *
 * @param requestId the id of the {@code cf_agent_use_chat_request} (every response frame carries
 *     it)
 * @param messages the stored transcript, as AI SDK UI messages, oldest first
 * @param trigger {@code submit-message} or {@code regenerate-message}
 * @param extraBody the request body's keys other than {@code messages}, {@code trigger} and {@code
 *     clientTools}
 */
public record ChatTurn(
    String requestId, List<JsonObject> messages, String trigger, JsonObject extraBody) {}
