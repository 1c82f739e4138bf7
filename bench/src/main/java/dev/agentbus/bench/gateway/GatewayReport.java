package dev.agentbus.bench.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the gateway benchmark's results: the table of figures (ceiling, AgentBus, ratio, goal, CPU
 * per operation), every run, and one line per goal.
 */
public final class GatewayReport {

  /** Each AgentBus figure must reach this share of the ceiling's. */
  public static final double MIN_RATIO = 0.7;

  /** The server names, as the runs carry them. */
  public static final String CEILING = "ceiling";

  /** The server names, as the runs carry them. */
  public static final String AGENTBUS = "AgentBus";

  private GatewayReport() {}

  /** One row: a metric with the selected run of each server. */
  private record Row(Scenario.Metric metric, RunResult ceiling, RunResult agentbus) {

    double ratio() {
      double c = ceiling.value(metric.field());
      double a = agentbus.value(metric.field());
      return metric.higherIsBetter() ? a / c : c / a;
    }

    boolean absoluteMet() {
      double a = agentbus.value(metric.field());
      return Double.isNaN(metric.goal())
          || (metric.higherIsBetter() ? a >= metric.goal() : a < metric.goal());
    }

    boolean ratioMet() {
      return !metric.ratioGoal() || ratio() >= MIN_RATIO;
    }

    boolean clean() {
      return ceiling.figures().getInteger("errors", 0) == 0
          && agentbus.figures().getInteger("errors", 0) == 0;
    }

    boolean met() {
      return absoluteMet() && ratioMet() && clean();
    }

    String goal() {
      String ratio = metric.ratioGoal() ? "≥ 0.7 × ceiling" : "";
      if (Double.isNaN(metric.goal())) {
        return ratio;
      }
      return metric.goalText() + (ratio.isEmpty() ? "" : "; " + ratio);
    }

    String why() {
      List<String> misses = new ArrayList<>();
      if (!absoluteMet()) {
        misses.add("below " + metric.goalText());
      }
      if (!ratioMet()) {
        misses.add(String.format(Locale.ROOT, "ratio %.2f < %.1f", ratio(), MIN_RATIO));
      }
      if (!clean()) {
        misses.add("protocol errors");
      }
      return String.join(", ", misses);
    }
  }

  /**
   * Prints the results.
   *
   * @param scenarios the scenarios, in table order
   * @param runs every run
   * @param seconds the benchmark's duration
   */
  public static void print(List<Scenario> scenarios, List<RunResult> runs, double seconds) {
    List<Row> rows = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      for (Scenario.Metric metric : scenario.metrics()) {
        Optional<RunResult> ceiling = select(runs, scenario.name(), CEILING, metric);
        Optional<RunResult> agentbus = select(runs, scenario.name(), AGENTBUS, metric);
        if (ceiling.isPresent() && agentbus.isPresent()) {
          rows.add(new Row(metric, ceiling.get(), agentbus.get()));
        } else {
          missing.add(
              metric.label() + ": no completed run of " + (ceiling.isEmpty() ? CEILING : AGENTBUS));
        }
      }
    }
    System.out.println();
    System.out.println("## Results");
    System.out.println();
    System.out.println(
        "Each figure is the better of the two runs per server (for the heap: the larger of the"
            + " two); CPU columns are from that run. Server CPU: the whole server process"
            + " (event loops, virtual threads, GC, JIT) over the run, connection set-up and"
            + " teardown included, per operation. Client CPU: the load client process over the"
            + " measured window, as a share of one core (loop: its single event-loop thread),"
            + " and per operation; \"saturated\" marks a loop at ≥ 90% of a core, i.e. the"
            + " client was the bottleneck.");
    System.out.println();
    System.out.println(
        "A ratio marked ≤ had the client saturated on the ceiling's run: the real ceiling is"
            + " higher and the real ratio lower.");
    System.out.println();
    System.out.println(
        "| scenario | ceiling | AgentBus | ratio | goal | met | server CPU µs/op (ceiling /"
            + " AgentBus) | client CPU (ceiling / AgentBus) |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (Row row : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s%.2f | %s | %s | %.1f / %.1f | %s / %s |%n",
          row.metric().label(),
          format(row.metric(), row.ceiling()),
          format(row.metric(), row.agentbus()),
          row.ceiling().clientSaturated() && !row.agentbus().clientSaturated() ? "≤ " : "",
          row.ratio(),
          row.goal(),
          row.met() ? "yes" : "**NO**",
          row.ceiling().serverMicrosPerOp(),
          row.agentbus().serverMicrosPerOp(),
          row.ceiling().clientCpu(),
          row.agentbus().clientCpu());
    }
    System.out.println();
    System.out.println("## Runs");
    System.out.println();
    for (RunResult run : runs) {
      System.out.println("- " + run.describe());
    }
    System.out.println();
    System.out.println("## Goals");
    System.out.println();
    int met = 0;
    for (Row row : rows) {
      met += row.met() ? 1 : 0;
      System.out.println(
          (row.met() ? "MET     " : "NOT MET ")
              + row.metric().label()
              + ": "
              + format(row.metric(), row.agentbus())
              + String.format(
                  Locale.ROOT,
                  " (%s%.2f × ceiling)",
                  row.ceiling().clientSaturated() && !row.agentbus().clientSaturated() ? "≤ " : "",
                  row.ratio())
              + (row.met() ? "" : " — " + row.why()));
    }
    for (String line : missing) {
      System.out.println("NOT RUN " + line);
    }
    long saturated = runs.stream().filter(r -> r.ok() && r.clientSaturated()).count();
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%d of %d figures met; %d of %d runs had the client's event loop saturated; run took %.0f"
            + " s.%n",
        met,
        rows.size() + missing.size(),
        saturated,
        runs.size(),
        seconds);
  }

  private static Optional<RunResult> select(
      List<RunResult> runs, String scenario, String server, Scenario.Metric metric) {
    Comparator<RunResult> byValue = Comparator.comparingDouble(r -> r.value(metric.field()));
    boolean largest = metric.higherIsBetter() || metric.field().equals("heapUsed");
    return runs.stream()
        .filter(r -> r.ok() && r.scenario().equals(scenario) && r.server().equals(server))
        .filter(r -> !Double.isNaN(r.value(metric.field())))
        .max(largest ? byValue : byValue.reversed());
  }

  private static String format(Scenario.Metric metric, RunResult run) {
    double value = run.value(metric.field());
    return switch (metric.unit()) {
      case "ms" -> String.format(Locale.ROOT, "%.3f ms", value);
      case "bytes" -> String.format(Locale.ROOT, "%.0f MB", value / 1e6);
      default -> String.format(Locale.ROOT, "%,.0f %s", value, metric.unit());
    };
  }
}
