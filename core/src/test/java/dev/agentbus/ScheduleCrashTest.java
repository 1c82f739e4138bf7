package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM makes schedules and is killed with SIGKILL; a new node started later on the same data
 * directory runs each schedule that came due meanwhile exactly once, and leaves the future ones at
 * their times.
 */
class ScheduleCrashTest extends AgentBusTestBase {

  static final List<String> NAMES = List.of("north", "south");

  /** The child JVM: schedules on a clock standing at {@link ScheduleTest#START}, then idles. */
  public static final class Child {
    public static void main(String[] args) {
      Vertx vertx = Vertx.vertx();
      ManualClock clock = new ManualClock(TaskTestBase.START, ZoneOffset.UTC);
      AgentBus agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(args[0]), clock);
      agents.register(TaskAgent.class);
      for (String name : NAMES) {
        AgentRef ref = agents.get(TaskAgent.class, name);
        ref.call("cron", "* * * * *", "remind", "every minute").await();
        ref.call("every", 30, "remind", "every 30 s").await();
        ref.call("in", 60, "remind", "in a minute").await();
        ref.call("at", TaskTestBase.START.plus(Duration.ofDays(1)).toString(), "remind", "tomorrow")
            .await();
      }
      System.out.println("SCHEDULED");
      System.out.flush();
    }
  }

  @TempDir Path crashDir;

  @Test
  void schedulesDueWhileAKilledNodeWasDownRunOnceWhenANewOneStarts() throws Exception {
    Process child = ChildJvm.start(Child.class, crashDir.toString());
    boolean scheduled = false;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (!scheduled && (line = out.readLine()) != null) {
        scheduled = line.equals("SCHEDULED");
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, files left as they are
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertTrue(scheduled, "the child made its schedules");
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    // Ten minutes later: ten cron occurrences and twenty interval ticks were missed.
    Instant restart = TaskTestBase.START.plus(Duration.ofMinutes(10));
    ManualClock clock = new ManualClock(restart, ZoneOffset.UTC);
    AgentBus after =
        AgentBus.create(vertx, new AgentBusOptions().setDataDir(crashDir.toString()), clock);
    try {
      after.register(TaskAgent.class);
      AgentTestKit.fireDueSchedules(after).await();
      for (String name : NAMES) {
        AgentRef ref = after.get(TaskAgent.class, name);
        @SuppressWarnings("unchecked")
        List<String> runs = ref.call(List.class, "runs", "remind").await();
        assertEquals(3, runs.size(), name + " ran " + runs);
        assertTrue(runs.containsAll(List.of("every minute", "every 30 s", "in a minute")));
        JsonArray schedules = ref.call(JsonArray.class, "list").await();
        assertEquals(3, schedules.size(), "the one-shot is gone, the others remain");
        for (Object s : schedules) {
          JsonObject schedule = (JsonObject) s;
          Instant next =
              switch (schedule.getString("type")) {
                case "cron" -> restart.plus(Duration.ofMinutes(1));
                case "interval" -> restart.plusSeconds(30);
                default -> TaskTestBase.START.plus(Duration.ofDays(1));
              };
          assertEquals(next.toEpochMilli(), schedule.getLong("time"), schedule.encode());
        }
      }
    } finally {
      after.close().await();
    }
  }
}
