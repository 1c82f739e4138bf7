package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.rate;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Measure 4: creating an instance's SQLite file. The naive way (new connection on a new file, WAL,
 * CREATE TABLE, INSERT, close) against AgentBus's first {@code setState} of never-seen instances
 * (activation, copy of the template database, state written), one at a time and 16 at a time.
 */
public final class FileCreation {

  static final int NAIVE_WARM_UP = 200;
  static final int NAIVE_FILES = 1_000;
  static final int AGENTBUS_WARM_UP = 500;
  static final int SEQUENTIAL_FILES = 1_000;
  static final int PARALLEL_FILES = 2_000;
  static final int IN_FLIGHT = 16;

  private FileCreation() {}

  /**
   * Runs the measure.
   *
   * @param bench the runtime
   * @return the figures
   * @throws Exception if the naive SQLite files cannot be created
   */
  public static List<Figure> run(BenchRuntime bench) throws Exception {
    Path naiveDir = bench.dataDir().resolve("naive");
    Report.progress("files: naive sqlite-jdbc, warm-up then " + NAIVE_FILES + " files");
    DirectSqlite.filesPerSecond(naiveDir, "warm-", NAIVE_WARM_UP);
    double naive = DirectSqlite.filesPerSecond(naiveDir, "file-", NAIVE_FILES);
    BenchRuntime.deleteTree(naiveDir);
    Report.progress("files: naive " + rate(naive, "files/s"));

    Report.progress("files: AgentBus first setState, warm-up");
    bench.callEach("warm-file-", AGENTBUS_WARM_UP, IN_FLIGHT, "bump");
    bench.hibernateAll();
    System.gc();

    Report.progress("files: AgentBus first setState, " + SEQUENTIAL_FILES + " sequential");
    Latencies sequential = bench.callEach("file-seq-", SEQUENTIAL_FILES, 1, "bump");
    bench.hibernateAll();
    System.gc();
    Report.progress("files: AgentBus sequential " + rate(sequential.perSecond(), "files/s"));

    Report.progress("files: AgentBus first setState, " + PARALLEL_FILES + ", 16 in flight");
    Latencies parallel = bench.callEach("file-par-", PARALLEL_FILES, IN_FLIGHT, "bump");
    bench.hibernateAll();
    Report.progress("files: AgentBus 16 in flight " + rate(parallel.perSecond(), "files/s"));

    return List.of(
        Figure.info(
            "4a. SQLite file creation, naive (new sqlite-jdbc connection, WAL, CREATE TABLE,"
                + " INSERT, close; sequential)",
            rate(naive, "files/s"),
            "reference: 280–520 files/s measured in the issue"),
        Figure.info(
            "4b. SQLite file creation, AgentBus first setState of a never-seen instance"
                + " (sequential)",
            rate(sequential.perSecond(), "files/s"),
            ratio(sequential.perSecond(), naive)),
        Figure.info(
            "4b. SQLite file creation, AgentBus first setState (16 in flight)",
            rate(parallel.perSecond(), "files/s"),
            ratio(parallel.perSecond(), naive)));
  }

  private static String ratio(double value, double naive) {
    return String.format(Locale.ROOT, "%.1f× naive", value / naive);
  }
}
