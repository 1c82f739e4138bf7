package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hung runs, and input that must be refused with a clear message. */
class ScheduleEdgeCasesTest extends TaskTestBase {

  AgentRef carol;

  @Override
  AgentBusOptions options() {
    return super.options().setScheduleRunTimeoutMs(300).setMaxTaskPayloadBytes(64 * 1024);
  }

  @BeforeEach
  void address() {
    carol = agents.get(TaskAgent.class, "carol");
  }

  @Test
  void aHungIntervalIsNotStartedTwiceAndRunsAgainAfterTheTimeout() {
    String id = ((JsonObject) carol.call("every", 10, "hangOnce", "h").await()).getString("id");
    // a marker due with the interval's next tick: the pass that starts it has passed the hung run
    carol.call("in", 20, "remind", "marker").await();
    clock.advance(Duration.ofSeconds(10));
    Future<Void> settled = AgentTestKit.fireDueSchedules(agents);
    QueueTest.awaitStarts("carol", "hangOnce", 1);

    clock.advance(Duration.ofSeconds(10)); // its next tick is due while it hangs
    QueueTest.awaitStarts("carol", "remind", 1);
    assertEquals(1, TaskAgent.starts("carol", "hangOnce"), "a hung run is not started again");
    assertEquals(
        1,
        carol.call("list").map(list -> ((JsonArray) list).size()).await(),
        "the instance answers calls while its run hangs");

    settled.await(); // ends when the run times out (300 ms) and counts as a failed attempt
    clock.advance(Duration.ofSeconds(1)); // its retry
    AgentTestKit.fireDueSchedules(agents).await();
    assertEquals(2, TaskAgent.starts("carol", "hangOnce"));
    assertEquals(List.of("h"), carol.call(List.class, "runs", "hangOnce").await());
    JsonObject after = (JsonObject) carol.call("get", id).await();
    assertEquals(
        clock.millis() + 10_000, after.getLong("time"), "the interval goes on from its last run");
  }

  @Test
  void scheduleRunsAreTurnsThatNeitherCallsNorOtherRunsInterleaveWith() {
    for (int i = 0; i < 40; i++) {
      carol.call("in", 1, "countRun", null, new JsonObject().put("idempotent", false)).await();
    }
    clock.advance(Duration.ofSeconds(1));
    Future<Void> runs = AgentTestKit.fireDueSchedules(agents);
    List<Future<Object>> calls = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      calls.add(carol.call("count"));
    }
    Future.all(calls).await();
    runs.await();
    assertEquals(80L, ((Number) carol.call("counted").await()).longValue(), "no update lost");
  }

  String refusal(String method, Object... args) {
    return assertThrows(AgentCallException.class, () -> carol.call(method, args).await())
        .getMessage();
  }

  @Test
  void badInputIsRefusedWithAClearMessageAndNothingIsStored() {
    assertTrue(
        refusal("cron", "61 * * * *", "remind", "x")
            .startsWith("Invalid cron expression '61 * * * *': "));
    assertTrue(refusal("cron", "* * * *", "remind", "x").contains("expected 5 fields"));
    assertEquals(
        "Agent TaskAgent has no method 'nope' to call back", refusal("in", 5, "nope", "x"));
    assertEquals(
        "Agent TaskAgent has no method 'nope' to call back", refusal("enqueueTo", "nope", "x"));
    assertEquals("A delay must not be negative, got -1 s", refusal("in", -1, "remind", "x"));
    assertEquals("An interval must be at least 1 s, got 0", refusal("every", 0, "remind", "x"));
    assertEquals(
        "Payload is 70002 bytes of JSON; the limit is 65536 (maxTaskPayloadBytes)",
        refusal("in", 5, "remind", "x".repeat(70_000)));
    assertTrue(
        refusal("in", 5, "takesNumber", "twelve")
            .startsWith("Payload cannot be read as int by callback takesNumber"));
    assertEquals(
        "Callback TaskAgent.step takes a QueuedTask as its second parameter; here it would"
            + " receive a Schedule",
        refusal("in", 5, "step", "x"));
    assertEquals(0, carol.call(JsonArray.class, "list").await().size());
    assertEquals(List.of(), carol.call(List.class, "queuedPayloads").await());
  }
}
