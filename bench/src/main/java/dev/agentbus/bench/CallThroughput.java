package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.millis;
import static dev.agentbus.bench.Latencies.rate;

import dev.agentbus.AgentRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Measure 1: calls to one live instance through the bus, 64 outstanding, from an event-loop
 * context: with {@link AgentRef#call} (what applications use) and with a raw protocol frame sent to
 * the instance's bus address (what other verticles and the SockJS bridge use).
 */
public final class CallThroughput {

  static final int IN_FLIGHT = 64;
  static final int WARM_UP_CALLS = 300_000;
  static final int CALLS = 1_000_000;
  static final int RAW_CALLS = 500_000;

  private CallThroughput() {}

  /**
   * Runs the measure.
   *
   * @param bench the runtime
   * @return the figures
   */
  public static List<Figure> run(BenchRuntime bench) {
    AgentRef ref = bench.ref("live-1");
    ref.call("echo", "x").await();

    Report.progress("call: warm-up, " + WARM_UP_CALLS + " calls");
    InFlight.run(bench.vertx(), WARM_UP_CALLS, IN_FLIGHT, i -> ref.call("echo", "x"));
    Report.progress("call: measuring " + CALLS + " calls, " + IN_FLIGHT + " in flight");
    Latencies calls = InFlight.run(bench.vertx(), CALLS, IN_FLIGHT, i -> ref.call("echo", "x"));
    Report.progress("call: " + rate(calls.perSecond(), "calls/s") + ", " + calls.summary());

    JsonObject frame =
        new JsonObject()
            .put("type", "rpc")
            .put("id", "1")
            .put("method", "echo")
            .put("args", new JsonArray().add("x"));
    String address = bench.agents().addresses().instance("bench", "live-1");
    java.util.function.IntFunction<io.vertx.core.Future<JsonObject>> rawCall =
        i ->
            bench
                .vertx()
                .eventBus()
                .<JsonObject>request(address, frame)
                .map(io.vertx.core.eventbus.Message::body);
    JsonObject answer = rawCall.apply(0).await();
    if (!answer.getBoolean("success", false) || !"x".equals(answer.getValue("result"))) {
      throw new IllegalStateException("Unexpected answer to a raw echo frame: " + answer);
    }
    Report.progress("raw request: warm-up, then " + RAW_CALLS + " frames");
    InFlight.run(bench.vertx(), WARM_UP_CALLS / 2, IN_FLIGHT, rawCall::apply);
    Latencies raw = InFlight.run(bench.vertx(), RAW_CALLS, IN_FLIGHT, rawCall::apply);
    Report.progress("raw request: " + rate(raw.perSecond(), "frames/s") + ", " + raw.summary());
    bench.hibernateAll();

    String label = "1. Call to a live instance (`AgentRef.call` echo, 64 in flight)";
    return List.of(
        Figure.goal(
            label + ": throughput over " + String.format("%,d", CALLS) + " calls",
            rate(calls.perSecond(), "calls/s"),
            "≥ 200,000 calls/s",
            calls.perSecond() >= 200_000),
        Figure.info(label + ": latency p50", millis(calls.percentileMillis(50))),
        Figure.goal(
            label + ": latency p99",
            millis(calls.percentileMillis(99)),
            "< 2 ms",
            calls.percentileMillis(99) < 2),
        Figure.info(
            "1b. Same with a raw frame on the instance's bus address (64 in flight): throughput",
            rate(raw.perSecond(), "frames/s")),
        Figure.info(
            "1b. Raw frame latency p50 / p99",
            millis(raw.percentileMillis(50)) + " / " + millis(raw.percentileMillis(99))));
  }
}
