package dev.agentbus.bench.chat;

import dev.agentbus.bench.Latencies;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A batch of chat turns, one per socket, started together (spread over a short stagger) and
 * awaited, with what they add up to: turns complete and exactly once, chunk frames, the delays of
 * the live deltas, and the reply durations.
 */
final class Turns {

  private static final AtomicLong IDS = new AtomicLong();

  private final List<ChatSocket.Turn> turns;
  private final int deltas;

  private Turns(List<ChatSocket.Turn> turns, int deltas) {
    this.turns = turns;
    this.deltas = deltas;
  }

  /**
   * Starts a turn on every socket, the starts spread evenly over {@code staggerNanos}, and waits
   * for every terminal frame.
   *
   * @param sockets one turn each
   * @param deltas the deltas of each reply
   * @param intervalMicros the fake model's pace
   * @param staggerNanos over how long the requests are sent
   * @return the turns, ended, or not if they had not a minute after the model's pace says they
   *     would (they then count as incomplete)
   */
  static Turns run(List<ChatSocket> sockets, int deltas, long intervalMicros, long staggerNanos) {
    List<ChatSocket.Turn> started = new ArrayList<>(sockets.size());
    long start = System.nanoTime();
    for (int i = 0; i < sockets.size(); i++) {
      long due = start + staggerNanos * i / sockets.size();
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      String id = newId();
      started.add(
          sockets.get(i).send(id, FakeModel.directive(id, deltas, intervalMicros, 0), deltas));
    }
    long modelMillis = deltas * intervalMicros / 1000;
    try {
      Future.all(started.stream().map(t -> t.done.future()).toList())
          .await(modelMillis + 60_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      long open = started.stream().filter(t -> t.endNanos == 0).count();
      System.out.println("  " + open + " turns had not ended in time");
    }
    return new Turns(started, deltas);
  }

  /** {@return a new request id, unique in this run} */
  static String newId() {
    return "r" + IDS.incrementAndGet();
  }

  /** {@return the turns} */
  List<ChatSocket.Turn> all() {
    return turns;
  }

  /** {@return the turns that ended, got every delta exactly once, in order, and no error frame} */
  int complete() {
    return (int)
        turns.stream()
            .filter(t -> t.endNanos != 0 && !t.error && t.tally.exactlyOnceInOrder())
            .count();
  }

  private List<ChatSocket.Turn> ended() {
    return turns.stream().filter(t -> t.endNanos != 0).toList();
  }

  /** {@return chunk frames read, over all turns} */
  long frames() {
    return turns.stream().mapToLong(t -> t.tally.frames()).sum();
  }

  /** {@return the delays of every live delta (fake model wrote it → client read its frame)} */
  Latencies delays() {
    long[] all = new long[turns.stream().mapToInt(t -> t.tally.delays().length).sum()];
    int at = 0;
    for (ChatSocket.Turn turn : turns) {
      long[] some = turn.tally.delays();
      System.arraycopy(some, 0, all, at, some.length);
      at += some.length;
    }
    return new Latencies(all, 1);
  }

  /** {@return request sent → terminal frame read, each turn} */
  Latencies durations() {
    return new Latencies(ended().stream().mapToLong(ChatSocket.Turn::durationNanos).toArray(), 1);
  }

  /** {@return request sent → first text-delta frame read, each turn} */
  Latencies firstChunks() {
    return new Latencies(
        turns.stream()
            .filter(t -> t.tally.firstDeltaNanos() != 0)
            .mapToLong(t -> t.tally.firstDeltaNanos() - t.sentNanos)
            .toArray(),
        1);
  }

  /**
   * {@return exactly-once in one line, e.g. {@code 500 of 500 turns exactly once and in order;
   * 303,000 chunk frames, 300,000 deltas: 0 lost, 0 repeated, 0 seq gaps}}
   */
  String exactlyOnce() {
    long lost = 0;
    long repeated = 0;
    long gaps = 0;
    long deltaCount = 0;
    List<String> errors = new ArrayList<>();
    for (ChatSocket.Turn turn : turns) {
      lost += turn.tally.lostDeltas();
      repeated += turn.tally.deltaRepeats() + turn.tally.seqRepeats();
      gaps += turn.tally.seqGaps();
      deltaCount += turn.tally.deltas();
      if (turn.error && errors.size() < 3) {
        errors.add(turn.errorText);
      }
    }
    return String.format(
            Locale.ROOT,
            "%d of %d turns exactly once and in order; %,d chunk frames, %,d deltas of %,d: %d"
                + " lost, %d repeated, %d seq gaps",
            complete(),
            turns.size(),
            frames(),
            deltaCount,
            (long) deltas * turns.size(),
            lost,
            repeated,
            gaps)
        + (errors.isEmpty() ? "" : "; errors: " + Arrays.toString(errors.toArray()));
  }
}
