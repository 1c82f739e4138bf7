package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.millis;
import static dev.agentbus.bench.Latencies.rate;

import dev.agentbus.AgentRef;
import java.util.List;

/**
 * Measure 5: persisted {@code setState} on one instance that already has its file: a call that sets
 * the state once, called one at a time through the bus; and one call that loops {@code setState}
 * many times, which isolates the storage cost from the bus.
 */
public final class StatePersistence {

  static final int WARM_UP = 5_000;
  static final int CALLS = 20_000;
  static final int LOOP = 20_000;

  private StatePersistence() {}

  /**
   * Runs the measure.
   *
   * @param bench the runtime
   * @return the figures
   */
  public static List<Figure> run(BenchRuntime bench) {
    AgentRef ref = bench.ref("state-1");
    ref.call("bump").await();

    Report.progress("setState: warm-up, then " + CALLS + " sequential calls");
    InFlight.run(bench.vertx(), WARM_UP, 1, i -> ref.call("bump"));
    Latencies calls = InFlight.run(bench.vertx(), CALLS, 1, i -> ref.call("bump"));
    Report.progress("setState: " + rate(calls.perSecond(), "calls/s") + ", " + calls.summary());

    // Baseline: the same round trip with a method that writes nothing.
    InFlight.run(bench.vertx(), WARM_UP, 1, i -> ref.call("echo", "x"));
    Latencies echoes = InFlight.run(bench.vertx(), CALLS, 1, i -> ref.call("echo", "x"));
    Report.progress(
        "echo one at a time: " + rate(echoes.perSecond(), "calls/s") + ", " + echoes.summary());

    Report.progress("setState: " + LOOP + " in one call");
    ref.call(Long.class, "bumpMany", WARM_UP).await();
    long nanos = ref.call(Long.class, "bumpMany", LOOP).await();
    double loop = LOOP / (nanos / 1e9);
    Report.progress("setState: in one call " + rate(loop, "setState/s"));

    long count = ref.call(Long.class, "bump").await();
    long expected = 1 + WARM_UP + CALLS + WARM_UP + LOOP + 1;
    if (count != expected) {
      throw new IllegalStateException("Expected count " + expected + ", found " + count);
    }
    bench.hibernateAll();

    return List.of(
        Figure.goal(
            "5. setState persisted, sequential on one instance ("
                + String.format("%,d", LOOP)
                + " in a loop inside one call)",
            rate(loop, "setState/s"),
            "≥ 10,000 /s",
            loop >= 10_000),
        Figure.info(
            "5. One bus round trip per setState (`bump`, one call at a time, each awaited)",
            rateWithPercentiles(calls),
            "bounded by the one-at-a-time round trip below"),
        Figure.info(
            "5. Baseline: one bus round trip that writes nothing (`echo`, one at a time)",
            rateWithPercentiles(echoes)));
  }

  private static String rateWithPercentiles(Latencies latencies) {
    return rate(latencies.perSecond(), "calls/s")
        + " (p50 "
        + millis(latencies.percentileMillis(50))
        + ", p99 "
        + millis(latencies.percentileMillis(99))
        + ")";
  }
}
