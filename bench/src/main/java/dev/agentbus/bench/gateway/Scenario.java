package dev.agentbus.bench.gateway;

import java.util.List;

/**
 * A scenario of the gateway benchmark, as the orchestrator runs it: the load client's scenario
 * name, how many operations to warm up with and to measure, and the figures reported for it.
 *
 * @param name the load client's scenario name, e.g. {@code echo-seq}
 * @param warmCount operations in the warm-up before each measured run
 * @param count operations in a measured run
 * @param metrics the figures, one table row each
 */
public record Scenario(String name, int warmCount, int count, List<Metric> metrics) {

  /**
   * One figure of a scenario.
   *
   * @param label the row's label
   * @param field the key of the figure in a run's JSON ({@code rate}, {@code p50Ms}, {@code
   *     heapUsed})
   * @param higherIsBetter whether more is better (a rate) or less (a latency, a heap)
   * @param goal the absolute goal, or {@code NaN} for none
   * @param goalText the goal as text
   * @param ratioGoal whether the figure must also reach 0.7 times the ceiling's
   * @param unit the unit: a rate's ({@code calls/s}), {@code ms} or {@code bytes}
   */
  public record Metric(
      String label,
      String field,
      boolean higherIsBetter,
      double goal,
      String goalText,
      boolean ratioGoal,
      String unit) {

    /** A throughput, held to an absolute goal and to the ratio. */
    static Metric rate(String label, double goal, String unit) {
      return new Metric(
          label, "rate", true, goal, String.format("≥ %,.0f %s", goal, unit), true, unit);
    }
  }

  /**
   * The scenarios, in the order they run, with their counts multiplied by {@code scale}.
   *
   * @param scale e.g. 0.2 for a quick run
   * @return the scenarios
   */
  public static List<Scenario> all(double scale) {
    return List.of(
        new Scenario(
            "echo-seq",
            n(15_000, scale),
            n(30_000, scale),
            List.of(
                Metric.rate("RPC echo, 1 socket, sequential", 8_000, "calls/s"),
                new Metric(
                    "RPC echo, 1 socket, sequential: p50",
                    "p50Ms",
                    false,
                    0.2,
                    "< 0.2 ms",
                    true,
                    "ms"))),
        new Scenario(
            "echo-64",
            n(100_000, scale),
            n(300_000, scale),
            List.of(Metric.rate("RPC echo, 1 socket, 64 in flight", 50_000, "calls/s"))),
        new Scenario(
            "broadcast",
            n(5_000, scale),
            n(20_000, scale),
            List.of(
                Metric.rate(
                    "increment, 10 other sockets (16 calls in flight)", 50_000, "deliveries/s"))),
        new Scenario(
            "http-get",
            n(50_000, scale),
            n(200_000, scale),
            List.of(Metric.rate("HTTP GET onRequest, 32 keep-alive conns", 30_000, "requests/s"))),
        new Scenario(
            "idle-10k",
            n(5_000, scale),
            10_000,
            List.of(
                new Metric(
                    "10,000 idle WebSockets (100 instances): heap after GC",
                    "heapUsed",
                    false,
                    1024.0 * 1024 * 1024,
                    "< 1 GB",
                    false,
                    "bytes"),
                new Metric(
                    "10,000 idle WebSockets: connects, 64 at a time",
                    "rate",
                    true,
                    Double.NaN,
                    "—",
                    true,
                    "sockets/s"))),
        new Scenario(
            "connect-new",
            n(5_000, scale),
            n(5_000, scale),
            List.of(
                Metric.rate("new instances via WebSocket, 16 at a time", 1_000, "instances/s"))));
  }

  private static int n(int count, double scale) {
    return Math.max(1, (int) Math.round(count * scale));
  }
}
