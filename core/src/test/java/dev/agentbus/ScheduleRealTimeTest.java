package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules on the real clock: the node's timer wakes hibernated instances on time. */
class ScheduleRealTimeTest extends AgentBusTestBase {

  @BeforeEach
  void register() {
    TaskAgent.reset();
    agents.register(TaskAgent.class);
  }

  @Test
  void hibernatedInstancesAreWokenWhenTheirSchedulesFallDueAndNeverEarly() throws Exception {
    Instant due = Instant.now().plusMillis(700);
    for (int i = 0; i < 10; i++) {
      agents.get(TaskAgent.class, "rt-" + i).call("at", due.toString(), "remind", "now").await();
    }
    AgentTestKit.hibernateIdle(agents).await();
    assertEquals(0, agents.liveInstances());

    List<Future<Void>> fired = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      fired.add(TaskAgent.started("rt-" + i, "remind", 1));
    }
    Future.all(fired).await(10, TimeUnit.SECONDS);
    for (int i = 0; i < 10; i++) {
      @SuppressWarnings("unchecked")
      List<Number> lags =
          agents.get(TaskAgent.class, "rt-" + i).call(List.class, "lags", "remind").await();
      assertEquals(1, lags.size());
      long lag = lags.get(0).longValue();
      assertTrue(lag >= 0 && lag < 2_000, "fired " + lag + " ms after its time");
    }
  }
}
