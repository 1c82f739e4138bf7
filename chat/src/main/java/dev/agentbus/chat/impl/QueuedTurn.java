package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A chat turn waiting for its time: a client's request or a continuation.
 *
 * @param requestId the id every frame of the turn carries
 * @param senderId the socket that sent it (a continuation's owner)
 * @param trigger {@code submit-message} or {@code regenerate-message}
 * @param extra the request's extra body
 * @param messageIds the user messages the request ended with
 * @param continuation whether the server started it after tool results or approvals
 */
record QueuedTurn(
    String requestId,
    String senderId,
    String trigger,
    JsonObject extra,
    JsonArray messageIds,
    boolean continuation) {}
