package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.millis;
import static dev.agentbus.bench.Latencies.rate;

import java.util.List;

/**
 * Measure 2: activation of never-seen instances. Each gets one cheap call ({@code echo}); its state
 * is seeded by {@code initialState()} in {@code onStart}, nothing is written, so no SQLite file is
 * created. 64 activations in flight.
 */
public final class Activation {

  static final int IN_FLIGHT = 64;
  static final int WARM_UP = 4_000;
  static final int INSTANCES = 20_000;

  private Activation() {}

  /**
   * Runs the measure.
   *
   * @param bench the runtime
   * @return the figures
   */
  public static List<Figure> run(BenchRuntime bench) {
    Report.progress("activation: warm-up, " + WARM_UP + " instances");
    bench.callEach("warm-act-", WARM_UP, IN_FLIGHT, "echo", "x");
    bench.hibernateAll();
    System.gc();

    Report.progress("activation: measuring " + INSTANCES + " new instances");
    Latencies activations = bench.callEach("act-", INSTANCES, IN_FLIGHT, "echo", "x");
    int live = bench.agents().liveInstances();
    if (live != INSTANCES) {
      throw new IllegalStateException("Expected " + INSTANCES + " live instances, found " + live);
    }
    Report.progress(
        "activation: "
            + rate(activations.perSecond(), "activations/s")
            + ", "
            + activations.summary());
    bench.hibernateAll();

    String label = "2. Activation of never-seen instances (" + String.format("%,d", INSTANCES);
    return List.of(
        Figure.goal(
            label + ", first call each, 64 in flight)",
            rate(activations.perSecond(), "activations/s"),
            "≥ 2,000 /s",
            activations.perSecond() >= 2_000),
        Figure.info(
            "2. Activation: latency of the first call p50 / p99 (64 in flight)",
            millis(activations.percentileMillis(50))
                + " / "
                + millis(activations.percentileMillis(99))));
  }
}
