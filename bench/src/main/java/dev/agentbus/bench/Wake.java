package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.millis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measure 3: wake from hibernation of instances that have a database file. The instances each
 * persist their state once (creating the file), all hibernate, then each gets one call, one at a
 * time; the latency of that first call covers re-deployment, opening the file and loading the
 * state.
 */
public final class Wake {

  static final int WARM_UP = 1_000;
  static final int WARM_UP_ROUNDS = 2;
  static final int INSTANCES = 2_000;
  static final String OPEN_QUERY = "SELECT count(*) FROM sqlite_master";

  private Wake() {}

  /**
   * Runs the measure.
   *
   * @param bench the runtime
   * @return the figures
   * @throws IOException if the instance files cannot be listed
   * @throws SQLException if SQLite fails to open one
   */
  public static List<Figure> run(BenchRuntime bench) throws IOException, SQLException {
    Report.progress("wake: warm-up, " + WARM_UP_ROUNDS + " × " + WARM_UP + " instances");
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      cycle(bench, "warm-wake-" + round + "-", WARM_UP);
    }

    Report.progress("wake: measuring " + INSTANCES + " hibernated instances with a file");
    Latencies wakes = cycle(bench, "wake-", INSTANCES);
    Report.progress("wake: " + wakes.summary());

    // Baseline: the same first call, one at a time, to never-seen instances (no file to open).
    bench.callEach("warm-fresh-", WARM_UP, 1, "echo", "x");
    bench.hibernateAll();
    Latencies fresh = bench.callEach("fresh-", INSTANCES, 1, "echo", "x");
    bench.hibernateAll();
    Report.progress("wake baseline, never-seen instances: " + fresh.summary());

    // The state survived hibernation: the second bump of an instance answers 2.
    long count = bench.ref("wake-0").call(Long.class, "bump").await();
    if (count != 2) {
      throw new IllegalStateException("State lost across hibernation: count is " + count);
    }
    bench.hibernateAll();

    // Storage share: open an instance file as AgentBus does, read, close; no bus, no verticle.
    List<Path> files = instanceFiles(bench, INSTANCES);
    DirectSqlite.openReadClose(files.subList(0, WARM_UP), OPEN_QUERY);
    Latencies opens = DirectSqlite.openReadClose(files, OPEN_QUERY);
    Report.progress("wake storage share, sqlite-jdbc open + read + close: " + opens.summary());

    String label =
        "3. Wake of a hibernated instance with a file ("
            + String.format("%,d", INSTANCES)
            + ", sequential)";
    return List.of(
        Figure.goal(
            label + ": first call p50",
            millis(wakes.percentileMillis(50)),
            "< 2 ms",
            wakes.percentileMillis(50) < 2),
        Figure.info(label + ": first call p99", millis(wakes.percentileMillis(99))),
        Figure.info(
            "3. Baseline: first call to a never-seen instance (no file), sequential, p50 / p99",
            millis(fresh.percentileMillis(50)) + " / " + millis(fresh.percentileMillis(99))),
        Figure.info(
            "3. Storage share: sqlite-jdbc open (WAL, synchronous=NORMAL) + read + close of an"
                + " instance file, no AgentBus, p50 / p99",
            millis(opens.percentileMillis(50)) + " / " + millis(opens.percentileMillis(99))));
  }

  /** Some of the database files AgentBus created (all instances are hibernated: none is open). */
  private static List<Path> instanceFiles(BenchRuntime bench, int count) throws IOException {
    try (Stream<Path> paths = Files.walk(bench.dataDir().resolve("agents").resolve("bench"))) {
      List<Path> files =
          paths.filter(path -> path.toString().endsWith(".db")).limit(count).toList();
      if (files.size() < count) {
        throw new IllegalStateException("Expected " + count + " files, found " + files.size());
      }
      return files;
    }
  }

  private static Latencies cycle(BenchRuntime bench, String prefix, int count) {
    bench.callEach(prefix, count, 16, "bump");
    bench.hibernateAll();
    System.gc();
    Latencies wakes = bench.callEach(prefix, count, 1, "echo", "x");
    bench.hibernateAll();
    return wakes;
  }
}
