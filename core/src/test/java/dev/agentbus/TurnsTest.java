package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An instance handles one message at a time; only {@code Future.await()} lets another in. */
class TurnsTest extends AgentBusTestBase {

  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  /** Completed when {@code waitForGate} has started waiting. */
  static volatile Promise<Void> waiting = Promise.promise();

  public static class TurnAgent extends Agent<Void> {
    private Promise<String> gate;

    @Callable
    public String slow(String tag) throws InterruptedException {
      EVENTS.add("start " + tag);
      Thread.sleep(50);
      EVENTS.add("end " + tag);
      return tag;
    }

    @Callable
    public String waitForGate() {
      gate = Promise.promise();
      EVENTS.add("waiting");
      waiting.complete();
      String value = gate.future().await();
      EVENTS.add("released");
      return value;
    }

    @Callable
    public String openGate(String value) {
      EVENTS.add("opening");
      gate.complete(value);
      return "opened";
    }

    @Callable
    public long incrementRow() {
      sql("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
      sql("INSERT OR IGNORE INTO counter (id, n) VALUES (1, 0)");
      long n = sql("SELECT n FROM counter WHERE id = 1").get(0).getLong("n");
      sql("UPDATE counter SET n = ? WHERE id = 1", n + 1);
      return n + 1;
    }
  }

  @BeforeEach
  void register() {
    EVENTS.clear();
    waiting = Promise.promise();
    agents.register(TurnAgent.class);
  }

  @Test
  void messagesThatDoNotAwaitRunOneAfterAnother() {
    AgentRef ref = agents.get(TurnAgent.class, "serial");
    Future.all(ref.call("slow", "a"), ref.call("slow", "b"), ref.call("slow", "c")).await();
    for (int i = 0; i < EVENTS.size(); i += 2) {
      String tag = EVENTS.get(i).substring("start ".length());
      assertEquals("end " + tag, EVENTS.get(i + 1), "interleaved: " + EVENTS);
    }
  }

  @Test
  void awaitingAFutureLetsTheNextMessageRun() throws Exception {
    AgentRef ref = agents.get(TurnAgent.class, "gate");
    Future<Object> released = ref.call("waitForGate");
    waiting.future().await(5, TimeUnit.SECONDS);
    assertEquals("opened", ref.call("openGate", "go").await());
    assertEquals("go", released.await());
    assertEquals(List.of("waiting", "opening", "released"), EVENTS);
  }

  @Test
  void sqlDoesNotYieldSoReadModifyWriteLosesNoUpdate() {
    AgentRef ref = agents.get(TurnAgent.class, "rmw");
    List<Future<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(ref.call("incrementRow"));
    }
    Future.all(calls).await();
    assertEquals(201L, ((Number) ref.call("incrementRow").await()).longValue());
  }
}
