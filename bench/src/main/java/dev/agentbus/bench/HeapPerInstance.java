package dev.agentbus.bench;

import java.util.List;
import java.util.Locale;

/**
 * Measure 6: Java heap per live instance, and what is left of it once the instances hibernate.
 * First with instances that wrote nothing (no SQLite file), then with instances holding an open
 * SQLite connection (their state was persisted once); SQLite's own page cache is native memory,
 * shown by the resident-set change.
 */
public final class HeapPerInstance {

  static final int INSTANCES = 20_000;
  static final int INSTANCES_WITH_FILE = 4_000;

  private HeapPerInstance() {}

  /**
   * Runs the measure.
   *
   * @param bench the runtime
   * @return the figures
   */
  public static List<Figure> run(BenchRuntime bench) {
    bench.hibernateAll();
    Report.progress("heap: " + INSTANCES + " live instances without a file");
    Sample plain = sample(bench, "heap-", INSTANCES, "echo", "x");
    Report.progress("heap: " + plain);
    Report.progress("heap: " + INSTANCES_WITH_FILE + " live instances with an open SQLite file");
    Sample withFile = sample(bench, "heap-file-", INSTANCES_WITH_FILE, "bump");
    Report.progress("heap: " + withFile);

    return List.of(
        Figure.goal(
            "6. Heap per live instance (" + String.format("%,d", INSTANCES) + ", no file)",
            bytes(plain.livePerInstance()),
            "≤ 10 KB",
            plain.livePerInstance() <= 10 * 1024),
        Figure.goal(
            "6. Heap per instance after hibernateIdle() (same instances)",
            bytes(plain.hibernatedPerInstance()),
            "≈ 0 (< 100 B)",
            plain.hibernatedPerInstance() < 100),
        Figure.info(
            "6. Heap per live instance with an open SQLite file ("
                + String.format("%,d", INSTANCES_WITH_FILE)
                + ")",
            bytes(withFile.livePerInstance())),
        Figure.info(
            "6. Native memory per live instance with an open SQLite file (resident-set growth; the heap is pre-touched)",
            bytes(withFile.residentPerInstance())),
        Figure.info(
            "6. Heap per instance after hibernateIdle() (instances with a file)",
            bytes(withFile.hibernatedPerInstance())));
  }

  private static Sample sample(
      BenchRuntime bench, String prefix, int count, String method, Object... args) {
    long before = HeapGauge.usedHeapAfterGc();
    long residentBefore = HeapGauge.residentBytes();
    bench.callEach(prefix, count, 64, method, args);
    int live = bench.agents().liveInstances();
    if (live != count) {
      throw new IllegalStateException("Expected " + count + " live instances, found " + live);
    }
    long liveHeap = HeapGauge.usedHeapAfterGc();
    long residentLive = HeapGauge.residentBytes();
    bench.hibernateAll();
    long hibernated = HeapGauge.usedHeapAfterGc();
    return new Sample(count, before, liveHeap, hibernated, residentBefore, residentLive);
  }

  private static String bytes(double bytes) {
    if (Math.abs(bytes) >= 1024) {
      return String.format(Locale.ROOT, "%,.0f B (%.2f KB)", bytes, bytes / 1024);
    }
    return String.format(Locale.ROOT, "%,.0f B", bytes);
  }

  /** Heap and resident memory before, while live and after hibernation. */
  private record Sample(
      int count, long before, long live, long hibernated, long residentBefore, long residentLive) {

    double livePerInstance() {
      return (live - before) / (double) count;
    }

    double hibernatedPerInstance() {
      return (hibernated - before) / (double) count;
    }

    double residentPerInstance() {
      return (residentLive - residentBefore) / (double) count;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "heap before %,d B, live %,d B, hibernated %,d B; %.0f B/instance live, %.0f B/instance"
              + " after hibernation; RSS +%.0f B/instance",
          before,
          live,
          hibernated,
          livePerInstance(),
          hibernatedPerInstance(),
          residentPerInstance());
    }
  }
}
