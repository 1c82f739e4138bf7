package dev.agentbus.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The AgentBus runtime benchmark: calls to a live instance, activation, wake from hibernation,
 * SQLite file creation, persisted state and heap per instance, each against its goal. Prints a
 * Markdown table ready for the README. Runs in about two minutes on a 2-core machine, on a fresh
 * temporary data directory that is deleted at the end.
 *
 * <p>Run with {@code mvn -q -pl bench package exec:exec} (the JVM flags are in {@code
 * bench/pom.xml}).
 */
public final class RuntimeBenchmark {

  private RuntimeBenchmark() {}

  /**
   * Runs every measure and prints the results.
   *
   * @param args ignored
   * @throws Exception if a measure fails
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    CpuTimes cpuAtStart = CpuTimes.now();
    System.out.println("# AgentBus runtime benchmark");
    System.out.println();
    Report.environment();
    List<Figure> figures = new ArrayList<>();
    try (BenchRuntime bench = BenchRuntime.start()) {
      Report.progress("data dir " + bench.dataDir() + " (deleted at the end)");
      figures.addAll(CallThroughput.run(bench));
      figures.addAll(Activation.run(bench));
      figures.addAll(Wake.run(bench));
      figures.addAll(FileCreation.run(bench));
      figures.addAll(StatePersistence.run(bench));
      figures.addAll(HeapPerInstance.run(bench));
    }
    Report.table(figures, (System.nanoTime() - start) / 1e9);
    CpuTimes cpuAtEnd = CpuTimes.now();
    if (cpuAtStart != null && cpuAtEnd != null) {
      System.out.println(cpuAtEnd.since(cpuAtStart) + ".");
    }
    System.exit(0);
  }
}
