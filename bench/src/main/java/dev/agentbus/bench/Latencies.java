package dev.agentbus.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The latencies of a run of operations, in nanoseconds, and how many of them completed per second.
 */
public final class Latencies {

  private final long[] sorted;
  private final long elapsedNanos;

  /**
   * @param samples one latency per operation, in nanoseconds (copied)
   * @param elapsedNanos the wall-clock time of the whole run
   */
  public Latencies(long[] samples, long elapsedNanos) {
    this.sorted = samples.clone();
    Arrays.sort(this.sorted);
    this.elapsedNanos = elapsedNanos;
  }

  /** The number of operations. */
  public int count() {
    return sorted.length;
  }

  /** Operations completed per second of wall-clock time. */
  public double perSecond() {
    return sorted.length / (elapsedNanos / 1e9);
  }

  /**
   * A percentile (nearest rank).
   *
   * @param percent e.g. 50 or 99
   * @return the latency in nanoseconds
   */
  public long percentileNanos(double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * A percentile in milliseconds.
   *
   * @param percent e.g. 50 or 99
   * @return the latency in milliseconds
   */
  public double percentileMillis(double percent) {
    return percentileNanos(percent) / 1e6;
  }

  /** The highest latency in milliseconds. */
  public double maxMillis() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
  }

  /**
   * Formats a rate, e.g. {@code 123,456/s}.
   *
   * @param perSecond the rate
   * @param unit e.g. {@code calls/s}
   * @return the text
   */
  public static String rate(double perSecond, String unit) {
    return String.format(Locale.ROOT, "%,.0f %s", perSecond, unit);
  }

  /**
   * Formats milliseconds with three decimals, e.g. {@code 0.125 ms}.
   *
   * @param millis the duration
   * @return the text
   */
  public static String millis(double millis) {
    return String.format(Locale.ROOT, "%.3f ms", millis);
  }

  /** p50 / p99 / max, e.g. {@code p50 0.120 ms, p99 0.950 ms, max 4.100 ms}. */
  public String summary() {
    return "p50 "
        + millis(percentileMillis(50))
        + ", p99 "
        + millis(percentileMillis(99))
        + ", max "
        + millis(maxMillis());
  }
}
