package dev.agentbus.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records schedule firings: the lag of each (the moment its callback started minus its due time)
 * and the moments of the first and last.
 */
final class FiringRecorder {

  private final long[] lagNanos;
  private final AtomicInteger count = new AtomicInteger();
  private volatile long firstNanos;
  private volatile long lastNanos;

  /**
   * @param expected how many firings the measure makes
   */
  FiringRecorder(int expected) {
    lagNanos = new long[expected];
  }

  void record(Instant due) {
    Instant now = Instant.now();
    long nanos = System.nanoTime();
    int index = count.getAndIncrement();
    if (index == 0) {
      firstNanos = nanos;
    }
    lastNanos = nanos;
    if (index < lagNanos.length) {
      long lag =
          (now.getEpochSecond() - due.getEpochSecond()) * 1_000_000_000L
              + (now.getNano() - due.getNano());
      lagNanos[index] = lag;
    }
  }

  int count() {
    return count.get();
  }

  /**
   * Waits until {@code n} firings were recorded.
   *
   * @param n the number
   * @param timeoutMillis how long at most
   * @return whether they were
   */
  boolean awaitCount(int n, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (count() < n) {
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /** The lags and the rate between the first and the last firing. */
  Latencies lags() {
    int n = Math.min(count(), lagNanos.length);
    return new Latencies(Arrays.copyOf(lagNanos, n), Math.max(1, lastNanos - firstNanos));
  }
}
