package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The continuation of one chat instance (docs/protocol.md, "Continuations"): scheduled by a tool
 * result or approval with {@code autoContinue}, due {@value #DELAY_MS} ms after the last one, and
 * started once no turn runs and no call of the last assistant message waits for the page. One at a
 * time; the socket that sent the last result owns it.
 */
final class Continuations {

  static final long DELAY_MS = 50;

  private final ChatTurns turns;
  private @Nullable String requestId;
  private @Nullable String ownerId;
  private long timer = -1;
  private boolean due;

  Continuations(ChatTurns turns) {
    this.turns = turns;
  }

  /** Schedules one (or moves the one scheduled), owned by the socket that sent the result. */
  void schedule(String ownerId) {
    if (requestId == null) {
      requestId = Ids.newId();
    }
    this.ownerId = ownerId;
    due = false;
    turns.agent.vertx().cancelTimer(timer);
    timer =
        turns
            .agent
            .vertx()
            .setTimer(
                DELAY_MS,
                t ->
                    turns.agent.runOnInstance(
                        () -> {
                          due = true;
                          turns.next();
                        }));
  }

  /** {@return the scheduled continuation's id, or {@code null}} */
  @Nullable String scheduledId() {
    return requestId;
  }

  /**
   * {@return the continuation as a turn, if it is due and nothing waits for the page; else null}
   */
  @Nullable QueuedTurn due() {
    if (requestId == null || !due) {
      return null;
    }
    JsonObject last = turns.transcript.lastAssistant();
    if (last != null && ToolParts.anyWaiting(last)) {
      return null;
    }
    QueuedTurn turn =
        new QueuedTurn(
            requestId, ownerId, "submit-message", turns.extraBody, new JsonArray(), true);
    requestId = null;
    ownerId = null;
    due = false;
    return turn;
  }

  /** Drops the scheduled continuation if it has this id. */
  void cancel(String id) {
    if (id.equals(requestId)) {
      drop();
      turns.resumes.nothingToStream();
    }
  }

  /** Drops the scheduled continuation, if any. */
  void drop() {
    turns.agent.vertx().cancelTimer(timer);
    requestId = null;
    ownerId = null;
    due = false;
  }
}
