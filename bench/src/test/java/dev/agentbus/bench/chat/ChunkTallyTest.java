package dev.agentbus.bench.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChunkTallyTest {

  /** A turn of the fake model: start, start-step, text-start, the deltas, then three more. */
  private static void turn(ChunkTally tally, int... deltaOrder) {
    long seq = 0;
    tally.chunk(seq++, -1, 0, 0);
    tally.chunk(seq++, -1, 0, 0);
    tally.chunk(seq++, -1, 0, 0);
    for (int delta : deltaOrder) {
      tally.chunk(3 + delta, delta, 100, 100 + 10 * (delta + 1));
      seq = Math.max(seq, 4 + delta);
    }
    for (int i = 0; i < 3; i++) {
      tally.chunk(seq++, -1, 0, 0);
    }
  }

  @Test
  void aCompleteTurnInOrderIsExactlyOnceWithOneDelayPerDelta() {
    ChunkTally tally = new ChunkTally(4);
    turn(tally, 0, 1, 2, 3);
    assertTrue(tally.exactlyOnceInOrder(), tally.toString());
    assertEquals(10, tally.frames());
    assertEquals(4, tally.deltas());
    assertEquals(10, tally.nextSeq());
    assertArrayEquals(new long[] {10, 20, 30, 40}, tally.delays());
    assertEquals(110, tally.firstDeltaNanos());
  }

  @Test
  void aSkippedDeltaIsLostAndItsSeqAGap() {
    ChunkTally tally = new ChunkTally(4);
    turn(tally, 0, 2, 3);
    assertFalse(tally.exactlyOnceInOrder());
    assertEquals(1, tally.lostDeltas());
    assertEquals(1, tally.seqGaps());
    assertEquals(0, tally.deltaRepeats());
  }

  @Test
  void deltasMissingAtTheEndAreLost() {
    ChunkTally tally = new ChunkTally(5);
    turn(tally, 0, 1, 2);
    assertEquals(2, tally.lostDeltas());
    assertEquals(0, tally.seqGaps());
    assertFalse(tally.exactlyOnceInOrder());
  }

  @Test
  void aDuplicateOrLateDeltaIsARepeatAndNotADelaySample() {
    ChunkTally tally = new ChunkTally(4);
    turn(tally, 0, 1, 1, 3, 2);
    assertEquals(2, tally.deltaRepeats()); // the second 1, and 2 after 3
    assertEquals(2, tally.seqRepeats());
    assertEquals(1, tally.seqGaps()); // 3 came before 2
    assertEquals(1, tally.lostDeltas()); // 2 came too late to count
    assertEquals(3, tally.delays().length);
    assertFalse(tally.exactlyOnceInOrder());
  }

  @Test
  void replayedChunksCountButAddNoDelay() {
    ChunkTally tally = new ChunkTally(2);
    tally.chunk(0, -1, 0, 0);
    tally.chunk(1, 0, 5, 0);
    tally.chunk(2, 1, 6, 0);
    assertTrue(tally.exactlyOnceInOrder());
    assertEquals(0, tally.delays().length);
    assertEquals(0, tally.firstDeltaNanos());
  }
}
