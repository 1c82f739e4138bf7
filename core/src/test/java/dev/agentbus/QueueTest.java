package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue: soon, in order, with retries, and durable. */
class QueueTest extends TaskTestBase {

  AgentRef bob;

  @BeforeEach
  void address() {
    bob = agents.get(TaskAgent.class, "bob");
  }

  @SuppressWarnings("unchecked")
  List<String> runs(String callback) {
    return bob.call(List.class, "runs", callback).await();
  }

  @Test
  void queuedTasksRunSoonOneAfterTheOtherInTheOrderQueued() {
    List<String> texts = List.of("a", "b", "c", "d", "e");
    assertEquals(5, bob.call(List.class, "enqueue", texts).await().size());
    AgentTestKit.fireDueSchedules(agents).await();
    assertEquals(texts, runs("step"));
    assertEquals(List.of(), bob.call(List.class, "queuedPayloads").await());
  }

  @Test
  void tasksWaitingBehindARunningOneCanBeListedAndDequeued() {
    Promise<Void> gate = Promise.promise();
    TaskAgent.GATES.put("first", gate);
    bob.call("enqueueTo", "gate", "first").await();
    @SuppressWarnings("unchecked")
    List<String> ids = bob.call(List.class, "enqueue", List.of("x", "y", "z")).await();
    Future<Void> settled = AgentTestKit.fireDueSchedules(agents);
    awaitStarts("bob", "gate", 1);

    // a task stays queued until its run succeeds (or fails for good)
    assertEquals(List.of("first", "x", "y", "z"), bob.call(List.class, "queuedPayloads").await());
    JsonObject y = (JsonObject) bob.call("queued", ids.get(1)).await();
    assertEquals("y", y.getString("payload"));
    assertEquals(true, bob.call("unqueue", ids.get(1)).await());
    assertEquals(false, bob.call("unqueue", ids.get(1)).await());
    assertNull(bob.call("queued", ids.get(1)).await());
    assertEquals(List.of(), runs("step"), "nothing overtakes the running task");

    gate.complete();
    settled.await();
    assertEquals(List.of("first"), runs("gate"));
    assertEquals(List.of("x", "z"), runs("step"));
  }

  @Test
  void dequeueAllRemovesEveryTaskAndTheRunningOneIsNotRetried() {
    Promise<Void> gate = Promise.promise();
    TaskAgent.GATES.put("g", gate);
    bob.call("enqueueTo", "gate", "g").await();
    bob.call("enqueue", List.of("1", "2", "3")).await();
    Future<Void> settled = AgentTestKit.fireDueSchedules(agents);
    awaitStarts("bob", "gate", 1);
    assertEquals(4, bob.call("unqueueAll").await());
    gate.complete();
    settled.await();
    assertEquals(List.of(), runs("step"));
  }

  @Test
  void aFailingTaskIsRetriedLaterWithoutHoldingUpTheTasksBehindIt() {
    TaskAgent.FAILURES_LEFT.put("q1", new AtomicInteger(1));
    bob.call("enqueueTo", "failTimes", "q1").await();
    bob.call("enqueue", List.of("after")).await();
    AgentTestKit.fireDueSchedules(agents).await();
    assertEquals(List.of("after"), runs("step"));
    assertEquals(List.of(), runs("failTimes"));
    clock.advance(Duration.ofSeconds(1)); // the default first retry delay
    AgentTestKit.fireDueSchedules(agents).await();
    assertEquals(List.of("q1"), runs("failTimes"));
  }

  @Test
  void aTaskFailingEveryAttemptIsRecordedAsFailed() {
    TaskAgent.FAILURES_LEFT.put("bad", new AtomicInteger(100));
    String id = (String) bob.call("enqueueTo", "failTimes", "bad").await();
    for (int i = 0; i < 3; i++) {
      AgentTestKit.fireDueSchedules(agents).await();
      clock.advance(Duration.ofSeconds(10));
    }
    assertEquals(3, TaskAgent.starts("bob", "failTimes"));
    JsonArray failures = bob.call(JsonArray.class, "failures").await();
    assertEquals(1, failures.size());
    assertEquals(id, failures.getJsonObject(0).getString("id"));
    assertEquals("queue", failures.getJsonObject(0).getString("kind"));
    assertEquals(3, failures.getJsonObject(0).getInteger("attempts"));
    assertEquals(List.of(), bob.call(List.class, "queuedPayloads").await());
  }

  @Test
  void aQueuedTaskWaitingForItsRetrySurvivesARestart() {
    TaskAgent.FAILURES_LEFT.put("durable", new AtomicInteger(1));
    bob.call("enqueueTo", "failTimes", "durable").await();
    AgentTestKit.fireDueSchedules(agents).await();
    assertEquals(1, TaskAgent.starts("bob", "failTimes"));

    restart();
    agents.register(TaskAgent.class);
    bob = agents.get(TaskAgent.class, "bob");
    clock.advance(Duration.ofSeconds(1));
    AgentTestKit.fireDueSchedules(agents).await();
    assertEquals(List.of("durable"), runs("failTimes"));
  }

  /** Waits until the callback of the instance has started {@code n} times. */
  static void awaitStarts(String name, String callback, int n) {
    try {
      TaskAgent.started(name, callback, n).await(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(callback + " of " + name + " did not start " + n + " times", e);
    }
  }
}
