package dev.agentbus.bench;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Prints the benchmark: progress lines, the environment, the table of figures and the goals. */
public final class Report {

  private static final long START = System.nanoTime();

  private Report() {}

  /**
   * Prints a progress line, prefixed with the seconds since start.
   *
   * @param line the text
   */
  public static void progress(String line) {
    System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - START) / 1e9, line);
  }

  /** Prints the JVM, the machine and the library versions. */
  public static void environment() {
    Runtime.Version version = Runtime.version();
    System.out.println("## Environment");
    System.out.println();
    System.out.println(
        "- JVM: "
            + System.getProperty("java.vm.name")
            + " "
            + version
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    System.out.println(
        "- JVM flags: "
            + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    System.out.println(
        "- nproc: "
            + nproc()
            + " (availableProcessors "
            + Runtime.getRuntime().availableProcessors()
            + ")");
    System.out.println(
        "- OS: "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    System.out.println(
        "- Vert.x "
            + Vertx.class.getPackage().getImplementationVersion()
            + ", "
            + DirectSqlite.versions());
    System.out.println();
  }

  /**
   * Prints the figures as a Markdown table, then one line per goal.
   *
   * @param figures the figures, in order
   * @param seconds the run's duration
   */
  public static void table(List<Figure> figures, double seconds) {
    System.out.println();
    System.out.println("## Results");
    System.out.println();
    System.out.println("| measure | result | goal |");
    System.out.println("| --- | --- | --- |");
    for (Figure figure : figures) {
      System.out.println(
          "| " + figure.measure() + " | " + figure.result() + " | " + figure.goal() + " |");
    }
    System.out.println();
    System.out.println("## Goals");
    System.out.println();
    int met = 0;
    int goals = 0;
    for (Figure figure : figures) {
      if (figure.hasGoal()) {
        goals++;
        met += figure.met() ? 1 : 0;
        System.out.println(
            (figure.met() ? "MET     " : "NOT MET ")
                + figure.measure()
                + ": "
                + figure.result()
                + " (goal "
                + figure.goal()
                + ")");
      }
    }
    System.out.println();
    System.out.printf("%d of %d goals met; run took %.0f s.%n", met, goals, seconds);
  }

  private static String nproc() {
    try {
      Process process = new ProcessBuilder("nproc").redirectErrorStream(true).start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        process.waitFor();
        return line == null ? "?" : line.trim();
      }
    } catch (Exception e) {
      return "? (" + e.getMessage() + ")";
    }
  }
}
