package dev.agentbus.chat.impl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the recent turns of one chat ended, for the acks that name them: the latest {@value #KEPT},
 * of which only the newest may keep its chunks (for a socket that was still waiting as it ended).
 */
final class EndedTurns {

  static final int KEPT = 64;

  private final Map<String, EndedTurn> turns =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EndedTurn> eldest) {
          return size() > KEPT;
        }
      };

  /** Records how a turn ended; an older turn's kept chunks are let go. */
  void put(String requestId, EndedTurn turn) {
    turns.values().removeIf(ended -> !ended.chunks().isEmpty());
    turns.put(requestId, turn);
  }

  /** {@return how a recent turn ended, or {@code null} if it is not known} */
  @Nullable EndedTurn get(String requestId) {
    return turns.get(requestId);
  }

  /** Forgets every turn (the chat was cleared). */
  void clear() {
    turns.clear();
  }
}
