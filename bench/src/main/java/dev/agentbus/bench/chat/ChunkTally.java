package dev.agentbus.bench.chat;

import java.util.Arrays;

/**
 * One chat turn as one socket saw it: the chunk frames' {@code seq}s and the fake model's delta
 * numbers, checked for exactly once and in order, and the delay of each live delta (model wrote it
 * → client read it). A number above the next expected one counts its skipped numbers as gaps; a
 * number at or below the last one counts as a repeat (a duplicate or out of order). Used from one
 * thread at a time (the socket's event loop).
 */
final class ChunkTally {

  private final int expectedDeltas;
  private long nextSeq;
  private int nextDelta;
  private int frames;
  private int deltas;
  private long seqGaps;
  private long seqRepeats;
  private long deltaGaps;
  private long deltaRepeats;
  private long firstDeltaNanos;
  private long[] delays = new long[16];
  private int delayCount;

  /**
   * @param expectedDeltas how many text deltas the fake model sends in this turn
   */
  ChunkTally(int expectedDeltas) {
    this.expectedDeltas = expectedDeltas;
  }

  /**
   * Counts a chunk frame.
   *
   * @param seq its {@code seq}
   * @param delta the fake model's number of the text delta it carries, or -1 for another chunk
   * @param sentNanos when the fake model wrote that delta ({@code System.nanoTime()} of this JVM)
   * @param receivedNanos when the client read the frame; 0 for a replayed frame (no delay counted)
   */
  void chunk(long seq, int delta, long sentNanos, long receivedNanos) {
    frames++;
    if (seq > nextSeq) {
      seqGaps += seq - nextSeq;
    }
    if (seq < nextSeq) {
      seqRepeats++;
    } else {
      nextSeq = seq + 1;
    }
    if (delta < 0) {
      return;
    }
    deltas++;
    if (delta > nextDelta) {
      deltaGaps += delta - nextDelta;
    }
    if (delta < nextDelta) {
      deltaRepeats++;
      return;
    }
    nextDelta = delta + 1;
    if (receivedNanos != 0) {
      if (firstDeltaNanos == 0) {
        firstDeltaNanos = receivedNanos;
      }
      if (delayCount == delays.length) {
        delays = Arrays.copyOf(delays, delayCount * 2);
      }
      delays[delayCount++] = receivedNanos - sentNanos;
    }
  }

  /** {@return chunk frames counted} */
  int frames() {
    return frames;
  }

  /** {@return text deltas counted, repeats included} */
  int deltas() {
    return deltas;
  }

  /** {@return the deltas never seen: skipped in the sequence, or missing at its end} */
  long lostDeltas() {
    return deltaGaps + Math.max(0, expectedDeltas - nextDelta);
  }

  /** {@return the {@code seq}s skipped} */
  long seqGaps() {
    return seqGaps;
  }

  /** {@return frames whose {@code seq} was not above the previous one} */
  long seqRepeats() {
    return seqRepeats;
  }

  /** {@return deltas whose number was not above the previous one} */
  long deltaRepeats() {
    return deltaRepeats;
  }

  /** {@return the next {@code seq} expected: the number of distinct chunks, if none was lost} */
  long nextSeq() {
    return nextSeq;
  }

  /** {@return whether every delta came exactly once, in order, and every seq without a gap} */
  boolean exactlyOnceInOrder() {
    return lostDeltas() == 0 && seqGaps == 0 && seqRepeats == 0 && deltaRepeats == 0;
  }

  /** {@return when the first live delta was read, or 0} */
  long firstDeltaNanos() {
    return firstDeltaNanos;
  }

  /** {@return the delays of the live deltas, in nanoseconds (a copy)} */
  long[] delays() {
    return Arrays.copyOf(delays, delayCount);
  }

  @Override
  public String toString() {
    return String.format(
        "%d frames, %d deltas (expected %d): %d lost, %d repeated; seq gaps %d, repeats %d",
        frames, deltas, expectedDeltas, lostDeltas(), deltaRepeats, seqGaps, seqRepeats);
  }
}
