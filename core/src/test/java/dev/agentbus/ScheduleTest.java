package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each kind of schedule, idempotency, cancel and listing, on a clock the test moves. */
class ScheduleTest extends TaskTestBase {

  AgentRef alice;

  @BeforeEach
  void address() {
    alice = agents.get(TaskAgent.class, "alice");
  }

  JsonObject call(String method, Object... args) {
    return (JsonObject) alice.call(method, args).await();
  }

  @SuppressWarnings("unchecked")
  List<String> runs(String callback) {
    return alice.call(List.class, "runs", callback).await();
  }

  void advance(Duration duration) {
    clock.advance(duration);
    AgentTestKit.fireDueSchedules(agents).await();
  }

  @Test
  void aDelayedScheduleRunsOnceWhenItsDelayHasPassed() {
    JsonObject schedule = call("in", 60, "remind", "tea");
    assertEquals("delayed", schedule.getString("type"));
    assertEquals(60L, schedule.getLong("delayInSeconds"));
    assertEquals(START.plusSeconds(60).toEpochMilli(), schedule.getLong("time"));

    advance(Duration.ofSeconds(59));
    assertEquals(List.of(), runs("remind"));
    advance(Duration.ofSeconds(1));
    assertEquals(List.of("tea"), runs("remind"));
    assertNull(alice.call("get", schedule.getString("id")).await(), "a one-shot is gone after");
    advance(Duration.ofHours(1));
    assertEquals(List.of("tea"), runs("remind"));
  }

  @Test
  void aScheduleAtAnInstantRunsThenWithTheScheduleAsSecondArgument() {
    Instant when = START.plus(Duration.ofDays(3));
    JsonObject schedule = call("at", when.toString(), "remind", "dentist");
    assertEquals("scheduled", schedule.getString("type"));
    advance(Duration.ofDays(3).minusMillis(1));
    assertEquals(List.of(), runs("remind"));
    advance(Duration.ofMillis(1));
    assertEquals(List.of("dentist"), runs("remind"));
    // remind() recorded the due time it received in its Schedule: the lag is 0 on this clock
    assertEquals(List.of(0L), alice.call(List.class, "lags", "remind").await());
  }

  @Test
  void aCronScheduleRunsNextMondayAtNineAndKeepsItsWeeklyTime() {
    JsonObject schedule = call("cron", "0 9 * * 1", "remind", "standup");
    assertEquals("cron", schedule.getString("type"));
    assertEquals("0 9 * * 1", schedule.getString("cron"));
    Instant monday = Instant.parse("2030-01-07T09:00:00Z");
    assertEquals(monday.toEpochMilli(), schedule.getLong("time"));

    advance(Duration.between(START, monday));
    assertEquals(List.of("standup"), runs("remind"));
    JsonObject after = call("get", schedule.getString("id"));
    assertEquals(monday.plus(Duration.ofDays(7)).toEpochMilli(), after.getLong("time"));

    advance(Duration.ofDays(7));
    assertEquals(List.of("standup", "standup"), runs("remind"));
  }

  @Test
  void anIntervalRunsEveryIntervalAfterItsLastRun() {
    JsonObject schedule = call("every", 30, "remind", "tick");
    assertEquals("interval", schedule.getString("type"));
    assertEquals(30L, schedule.getLong("intervalSeconds"));
    for (int i = 1; i <= 3; i++) {
      advance(Duration.ofSeconds(30));
      assertEquals(i, runs("remind").size());
    }
    JsonObject after = call("get", schedule.getString("id"));
    assertEquals(START.plusSeconds(120).toEpochMilli(), after.getLong("time"));
  }

  @Test
  void cronAndIntervalSchedulesAreNotDuplicatedButOneShotsAreUnlessAsked() {
    String cron = call("cron", "0 8 * * *", "remind", "report").getString("id");
    assertEquals(cron, call("cron", "0 8 * * *", "remind", "report").getString("id"));
    assertNotEquals(cron, call("cron", "0 8 * * *", "remind", "other").getString("id"));
    JsonObject notIdempotent = new JsonObject().put("idempotent", false);
    assertNotEquals(
        cron, call("cron", "0 8 * * *", "remind", "report", notIdempotent).getString("id"));

    String every =
        call("every", 60, "note", new JsonObject().put("a", 1).put("b", 2)).getString("id");
    assertEquals(
        every,
        call("every", 60, "note", new JsonObject().put("b", 2).put("a", 1)).getString("id"),
        "payloads compare as JSON values, whatever their key order");
    assertNotEquals(
        every, call("every", 61, "note", new JsonObject().put("a", 1).put("b", 2)).getString("id"));

    String once = call("in", 10, "remind", "x").getString("id");
    assertNotEquals(once, call("in", 10, "remind", "x").getString("id"));
    JsonObject idempotent = new JsonObject().put("idempotent", true);
    String deduped = call("in", 20, "remind", "y", idempotent).getString("id");
    assertEquals(deduped, call("in", 30, "remind", "y", idempotent).getString("id"));
    assertEquals(8, alice.call(JsonArray.class, "list").await().size());
  }

  @Test
  void aCronScheduleMadeInOnStartOnEveryWakeStaysOne() {
    AgentRef dave =
        agents.get(TaskAgent.class, "dave").withProps(new JsonObject().put("cron", "0 9 * * *"));
    for (int i = 0; i < 3; i++) {
      dave.call("list").await();
      AgentTestKit.hibernateIdle(agents).await();
    }
    assertEquals(3, TaskAgent.AGENT_STARTS.get());
    assertEquals(1, dave.call(JsonArray.class, "list").await().size());
    advance(Duration.ofHours(1));
    assertEquals(List.of("from onStart"), dave.call(List.class, "runs", "remind").await());
  }

  @Test
  void aCancelledScheduleNeverRunsAndCancellingTwiceSaysSo() {
    String id = call("in", 5, "remind", "never").getString("id");
    String kept = call("in", 5, "remind", "kept").getString("id");
    assertEquals(true, alice.call("cancel", id).await());
    assertEquals(false, alice.call("cancel", id).await());
    assertEquals(false, alice.call("cancel", "no-such-id").await());
    advance(Duration.ofSeconds(5));
    assertEquals(List.of("kept"), runs("remind"));
    assertNull(alice.call("get", kept).await());
  }

  @Test
  void schedulesAreListedByTypeAndTimeWithoutInternalColumns() {
    call("in", 60, "remind", "a");
    call("cron", "30 8 * * *", "remind", "b");
    call("every", 3600, "remind", "c");
    call("at", START.plus(Duration.ofDays(1)).toString(), "remind", "d");

    JsonArray all = alice.call(JsonArray.class, "list").await();
    assertEquals(4, all.size());
    assertEquals(
        List.of("a", "b", "c", "d"),
        all.stream().map(s -> ((JsonObject) s).getString("payload")).toList(),
        "soonest first");
    for (Object s : all) {
      Set<String> keys = ((JsonObject) s).fieldNames();
      assertTrue(
          Set.of(
                  "id",
                  "callback",
                  "payload",
                  "type",
                  "time",
                  "delayInSeconds",
                  "cron",
                  "intervalSeconds")
              .containsAll(keys),
          keys.toString());
      boolean dated = ((JsonObject) s).getString("type").equals("scheduled");
      assertEquals(dated ? 5 : 6, keys.size(), keys.toString());
    }
    assertEquals(1, alice.call(JsonArray.class, "list", "cron").await().size());
    JsonArray withinAnHour =
        alice
            .call(
                JsonArray.class, "list", null, START.toString(), START.plusSeconds(3600).toString())
            .await();
    assertEquals(3, withinAnHour.size());
    JsonArray laterToday =
        alice.call(JsonArray.class, "list", null, START.plusSeconds(120).toString(), null).await();
    assertEquals(3, laterToday.size());
  }

  @Test
  void aFailingScheduleIsRetriedWithBackoffAndSucceeds() {
    TaskAgent.FAILURES_LEFT.put("flaky", new java.util.concurrent.atomic.AtomicInteger(2));
    JsonObject retries = new JsonObject().put("maxAttempts", 3).put("retryDelayMs", 1000);
    String id = call("in", 1, "failTimes", "flaky", retries).getString("id");
    advance(Duration.ofSeconds(1));
    assertEquals(1, TaskAgent.starts("alice", "failTimes"));
    assertEquals(
        START.plusSeconds(2).toEpochMilli(), call("get", id).getLong("time"), "retry in 1 s");
    advance(Duration.ofMillis(999));
    assertEquals(1, TaskAgent.starts("alice", "failTimes"));
    advance(Duration.ofMillis(1));
    assertEquals(2, TaskAgent.starts("alice", "failTimes"));
    assertEquals(
        START.plusSeconds(4).toEpochMilli(), call("get", id).getLong("time"), "then in 2 s");
    advance(Duration.ofSeconds(2));
    assertEquals(3, TaskAgent.starts("alice", "failTimes"));
    assertEquals(List.of("flaky"), runs("failTimes"));
    assertNull(alice.call("get", id).await());
    assertEquals(0, alice.call(JsonArray.class, "failures").await().size());
  }

  @Test
  void aScheduleFailingEveryAttemptIsRecordedAsFailedAndDoesNotBlockOthers() {
    TaskAgent.FAILURES_LEFT.put("broken", new java.util.concurrent.atomic.AtomicInteger(100));
    JsonObject twice = new JsonObject().put("maxAttempts", 2).put("retryDelayMs", 100);
    String once = call("in", 1, "failTimes", "broken", twice).getString("id");
    String daily = call("cron", "0 9 * * *", "failTimes", "broken", twice).getString("id");
    call("in", 1, "remind", "unaffected");
    advance(Duration.ofSeconds(1));
    assertEquals(List.of("unaffected"), runs("remind"));
    advance(Duration.ofMillis(100));
    assertNull(alice.call("get", once).await(), "a failed one-shot is gone");

    advance(Duration.ofHours(1)); // 09:00:01.1: the cron fails, and again 100 ms later
    advance(Duration.ofMillis(100));
    JsonObject cron = call("get", daily);
    assertEquals(Instant.parse("2030-01-07T09:00:00Z").toEpochMilli(), cron.getLong("time"));
    JsonArray failures = alice.call(JsonArray.class, "failures").await();
    assertEquals(2, failures.size());
    JsonObject first = failures.getJsonObject(0);
    assertEquals(once, first.getString("id"));
    assertEquals("schedule", first.getString("kind"));
    assertEquals(2, first.getInteger("attempts"));
    assertEquals("failing on purpose: broken", first.getString("error"));
    assertEquals(daily, failures.getJsonObject(1).getString("id"));
  }

  @Test
  void schedulesOfManyInstancesFireWhileTheyHibernate() {
    for (int i = 0; i < 20; i++) {
      agents.get(TaskAgent.class, "sleeper-" + i).call("in", 3600, "remind", "wake " + i).await();
    }
    AgentTestKit.hibernateIdle(agents).await();
    assertEquals(0, agents.liveInstances());
    int startsBefore = TaskAgent.AGENT_STARTS.get();
    advance(Duration.ofHours(1));
    assertEquals(startsBefore + 20, TaskAgent.AGENT_STARTS.get(), "each was woken once");
    for (int i = 0; i < 20; i++) {
      assertEquals(1, TaskAgent.starts("sleeper-" + i, "remind"));
    }
  }

  @Test
  void schedulesDueWhileTheNodeWasDownFireOnceAtStartAndFutureOnesKeepTheirTimes() {
    call("cron", "* * * * *", "remind", "every minute");
    call("every", 10, "remind", "every 10 s");
    call("in", 60, "remind", "in a minute");
    JsonObject future = call("at", START.plus(Duration.ofDays(1)).toString(), "remind", "tomorrow");
    agents.close().await();

    clock.advance(Duration.ofHours(2)); // nothing runs: the node is down
    restart();
    agents.register(TaskAgent.class);
    AgentTestKit.fireDueSchedules(agents).await();
    alice = agents.get(TaskAgent.class, "alice");
    List<String> ran = runs("remind");
    assertEquals(3, ran.size(), ran.toString());
    assertTrue(ran.containsAll(List.of("every minute", "every 10 s", "in a minute")));
    assertEquals(future.getLong("time"), call("get", future.getString("id")).getLong("time"));
    JsonArray cron = alice.call(JsonArray.class, "list", "cron").await();
    assertEquals(
        START.plus(Duration.ofHours(2)).plusSeconds(60).toEpochMilli(),
        cron.getJsonObject(0).getLong("time"),
        "the next occurrence after now, not a missed one");
  }

  @Test
  void destroyingAnInstanceDropsItsSchedules() {
    call("in", 60, "remind", "gone");
    assertEquals(true, alice.call("selfDestruct").await());
    int starts = TaskAgent.AGENT_STARTS.get();
    advance(Duration.ofMinutes(2));
    assertEquals(starts, TaskAgent.AGENT_STARTS.get(), "nothing woke the destroyed instance");
    assertFalse(runs("remind").contains("gone"));
  }
}
