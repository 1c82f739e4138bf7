package dev.agentbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A snapshot of the machine's CPU time counters ({@code /proc/stat}), to tell how much of a run the
 * virtual machine's CPUs were taken by the host (steal) or waited for the disk (iowait): figures
 * taken on a busy host are noisy.
 *
 * @param total all CPU time, in clock ticks
 * @param steal time taken by the host
 * @param iowait idle time with disk I/O outstanding
 */
public record CpuTimes(long total, long steal, long iowait) {

  /**
   * Reads the counters now.
   *
   * @return the snapshot, or {@code null} where {@code /proc/stat} is missing
   */
  public static CpuTimes now() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
      String[] f = lines.get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      return new CpuTimes(total, Long.parseLong(f[8]), Long.parseLong(f[5]));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Describes the share of steal and iowait between an earlier snapshot and this one.
   *
   * @param earlier the snapshot at the start
   * @return e.g. {@code CPU steal 2.1%, iowait 3.4% of the run}
   */
  public String since(CpuTimes earlier) {
    double span = Math.max(1, total - earlier.total);
    return String.format(
        Locale.ROOT,
        "CPU steal %.1f%%, iowait %.1f%% of the run's CPU time (steal: the host took the"
            + " virtual CPUs; a high value makes the figures noisy)",
        100 * (steal - earlier.steal) / span,
        100 * (iowait - earlier.iowait) / span);
  }
}
