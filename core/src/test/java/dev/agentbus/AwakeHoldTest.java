package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentbus.impl.AgentBusImpl;
import dev.agentbus.testkit.Eventually;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work that outlives the message that started it: a hold keeps the instance awake, and a thread of
 * another library hands its result back with {@link AgentBase#runOnInstance}.
 */
class AwakeHoldTest extends AgentBusTestBase {

  public record Progress(String status) {}

  public static class WorkerAgent extends Agent<Progress> {
    private AwakeHold hold;

    @Override
    public Progress initialState() {
      return new Progress("idle");
    }

    @Callable
    public void start() {
      hold = holdAwake();
      setState(new Progress("working"));
    }

    /** Finishes from a thread of its own, as a client library's callback would. */
    @Callable
    public void finishFromAnotherThread() {
      Thread.ofPlatform()
          .start(
              () ->
                  runOnInstance(
                      () -> {
                        setState(new Progress("done"));
                        hold.release();
                        hold.release(); // a second release does nothing
                      }));
    }
  }

  @BeforeEach
  void register() {
    agents.register(WorkerAgent.class);
  }

  private void hibernateIdle() {
    ((AgentBusImpl) agents).hibernateIdle().await();
  }

  @Test
  void aHeldInstanceIsNotHibernatedAndIsOnceReleased() {
    AgentRef worker = agents.get(WorkerAgent.class, "w");
    worker.call("start").await();
    hibernateIdle();
    assertEquals(1, agents.liveInstances(), "held awake");

    worker.call("finishFromAnotherThread").await();
    Eventually.eventually(
        () -> assertEquals(new JsonObject().put("status", "done"), worker.state().await()));
    Eventually.eventually(
        () -> {
          hibernateIdle();
          assertEquals(0, agents.liveInstances(), "released: it hibernates once idle");
        });
    assertEquals(new JsonObject().put("status", "done"), worker.state().await(), "and kept");
  }
}
