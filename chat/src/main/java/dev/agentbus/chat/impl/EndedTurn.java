package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an ack of an ended turn's id is answered with.
 *
 * @param messageIds its user messages
 * @param outcome how it ended ({@code null} for completed)
 * @param continuation whether it was a continuation
 * @param chunks its chunks, kept (for the latest turn only) when a socket was still waiting for it
 *     as it ended; empty otherwise
 */
record EndedTurn(
    JsonArray messageIds, @Nullable String outcome, boolean continuation, List<String> chunks) {}
