package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;

/**
 * A reply cut short by a restart, offered for replay until the next turn or a clear.
 *
 * @param requestId its turn's id
 * @param streamId its stream in the chunk log
 * @param messageIds its turn's user messages
 */
record InterruptedTurn(String requestId, String streamId, JsonArray messageIds) {}
