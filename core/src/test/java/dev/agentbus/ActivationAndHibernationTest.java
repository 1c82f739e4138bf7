package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.impl.storage.InstanceFiles;
import dev.agentbus.testkit.AgentTestKit;
import dev.agentbus.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ActivationAndHibernationTest extends AgentBusTestBase {

  static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> HIBERNATIONS = new ConcurrentHashMap<>();
  static final List<Integer> MARKS = java.util.Collections.synchronizedList(new ArrayList<>());

  public record Visits(int count) {}

  public static class VisitAgent extends Agent<Visits> {
    @Override
    public Visits initialState() {
      return new Visits(0);
    }

    @Override
    public void onStart(JsonObject props) {
      STARTS.computeIfAbsent(name(), k -> new AtomicInteger()).incrementAndGet();
      if (props.getBoolean("fail", false)) {
        throw new IllegalStateException("refusing to start");
      }
    }

    @Override
    public void onHibernate() {
      HIBERNATIONS.computeIfAbsent(name(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Callable
    public int visit() {
      setState(new Visits(state().count() + 1));
      return state().count();
    }

    @Callable
    public String hello() {
      return "hello " + name();
    }

    @Callable
    public void mark(int sequence) {
      MARKS.add(sequence);
    }

    @Callable
    public boolean selfDestruct() {
      destroy();
      return true;
    }
  }

  @Override
  AgentBusOptions options() {
    return super.options().setIdleTimeoutMs(200).setMaxLiveInstances(50);
  }

  @BeforeEach
  void register() {
    STARTS.clear();
    HIBERNATIONS.clear();
    MARKS.clear();
    agents.register(VisitAgent.class);
  }

  @Test
  void aThousandConcurrentFirstCallsCreateExactlyOneInstance() {
    List<Future<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      calls.add(agents.get(VisitAgent.class, "crowded").call("hello"));
    }
    Future.all(calls).await();
    for (Future<Object> call : calls) {
      assertEquals("hello crowded", call.result());
    }
    assertEquals(1, STARTS.get("crowded").get());
  }

  @Test
  void anIdleInstanceHibernatesAndWakesWithItsState() {
    AgentRef ref = agents.get(VisitAgent.class, "sleepy");
    ref.call("visit").await();
    ref.call("visit").await();
    assertEquals(1, agents.liveInstances());
    Eventually.eventually(Duration.ofSeconds(5), () -> assertEquals(0, agents.liveInstances()));
    assertEquals(1, HIBERNATIONS.get("sleepy").get());
    Path file = InstanceFiles.databaseFile(dataDir, "visit-agent", "sleepy");
    assertFalse(Files.exists(InstanceFiles.companion(file, "-wal")), "WAL checkpointed on close");
    assertEquals(3, ref.call("visit").await());
    assertEquals(2, STARTS.get("sleepy").get());
  }

  @Test
  void beyondTheLimitTheLeastRecentlyUsedHibernate() {
    for (int i = 0; i < 120; i++) {
      agents.get(VisitAgent.class, "crowd-" + i).call("hello").await();
    }
    Eventually.eventually(
        Duration.ofSeconds(5),
        () -> assertTrue(agents.liveInstances() <= 50, "live: " + agents.liveInstances()));
    assertTrue(HIBERNATIONS.containsKey("crowd-0"), "the oldest hibernated first");
  }

  @Test
  void aFailingStartFailsTheCallAndLeavesNothingLive() {
    AgentRef ref =
        agents.get(VisitAgent.class, "broken").withProps(new JsonObject().put("fail", true));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ref.call("hello").await());
    assertTrue(e.getMessage().contains("refusing to start"), e.getMessage());
    assertEquals(0, agents.liveInstances());
    assertEquals("hello broken", agents.get(VisitAgent.class, "broken").call("hello").await());
  }

  @Test
  void destroyDeletesTheDataAndTheNextCallStartsAfresh() {
    AgentRef ref = agents.get(VisitAgent.class, "doomed");
    ref.call("visit").await();
    Path file = InstanceFiles.databaseFile(dataDir, "visit-agent", "doomed");
    assertTrue(Files.exists(file));
    assertEquals(true, ref.call("selfDestruct").await());
    assertFalse(Files.exists(file));
    assertEquals(1, ref.call("visit").await());
    assertEquals(2, STARTS.get("doomed").get());
  }

  @Test
  void propsReachOnStart() {
    List<JsonObject> seen = new ArrayList<>();
    agents.register(
        PropsAgent.class,
        () -> {
          PropsAgent agent = new PropsAgent();
          agent.seen = seen;
          return agent;
        });
    agents
        .get(PropsAgent.class, "p")
        .withProps(new JsonObject().put("room", "lobby"))
        .call("ping")
        .await();
    assertEquals(List.of(new JsonObject().put("room", "lobby")), seen);
  }

  public static class PropsAgent extends Agent<Void> {
    List<JsonObject> seen;

    @Override
    public void onStart(JsonObject props) {
      seen.add(props);
    }

    @Callable
    public String ping() {
      return "pong";
    }
  }

  @Test
  void aMessageSentStraightToTheAddressWakesTheInstance() {
    String address = agents.addresses().instance("visit-agent", "direct");
    JsonObject frame =
        new JsonObject()
            .put("type", "rpc")
            .put("id", "1")
            .put("method", "visit")
            .put("args", new io.vertx.core.json.JsonArray());
    JsonObject first = (JsonObject) vertx.eventBus().request(address, frame).await().body();
    assertEquals(1, first.getInteger("result"));
    AgentTestKit.hibernateIdle(agents).await();
    assertEquals(0, agents.liveInstances());
    JsonObject second = (JsonObject) vertx.eventBus().request(address, frame).await().body();
    assertEquals(2, second.getInteger("result"));
  }

  @Test
  void aDataDirectoryServesOneRuntimeAtATime() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> AgentBus.create(vertx, options()));
    assertEquals(
        "data directory "
            + dataDir.toAbsolutePath().normalize()
            + " is in use by another AgentBus runtime (pid "
            + ProcessHandle.current().pid()
            + ")",
        e.getMessage());
    agents.close().await();
    AgentBus next = AgentBus.create(vertx, options()); // released by close
    next.close().await();
  }

  @Test
  void closeHibernatesEveryInstanceAndLaterCallsFail() {
    for (int i = 0; i < 10; i++) {
      agents.get(VisitAgent.class, "c" + i).call("visit").await();
    }
    agents.close().await();
    assertEquals(0, agents.liveInstances());
    assertEquals(10, HIBERNATIONS.size());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> agents.get(VisitAgent.class, "c1").call("visit").await());
    assertEquals("AgentBus is closed", e.getMessage());
  }

  @Test
  void oneWayMessagesFromOneSenderKeepTheirOrderAcrossActivationAndHibernation() throws Exception {
    // The first batch races the instance's activation, the second its hibernation.
    sendMarks(0, 1_000);
    waitForMarks(1_000);
    AgentTestKit.hibernateIdle(agents); // not awaited: the second batch races the hibernation
    sendMarks(1_000, 2_000);
    waitForMarks(2_000);
    List<Integer> marks = List.copyOf(MARKS);
    for (int i = 0; i < marks.size(); i++) {
      assertEquals(i, marks.get(i), "mark " + i + " arrived out of order");
    }
    assertEquals(2, STARTS.get("ordered").get(), "the second batch woke a new incarnation");
  }

  /**
   * Sends marks from one thread, pausing now and then, so that the sending spans a transition (the
   * pauses pace the sender; they wait for nothing).
   */
  private void sendMarks(int from, int to) {
    dev.agentbus.spi.InstanceChannel channel =
        dev.agentbus.spi.AgentHost.of(agents).channel("visit-agent", "ordered", new JsonObject());
    RecordingConnection connection = new RecordingConnection("marks");
    for (int i = from; i < to; i++) {
      JsonObject frame =
          new JsonObject()
              .put("type", "rpc")
              .put("id", String.valueOf(i))
              .put("method", "mark")
              .put("args", new io.vertx.core.json.JsonArray().add(i));
      channel.deliver(new dev.agentbus.spi.GatewayEvent.Frame(connection, frame.encode()));
      if (i % 5 == 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000);
      }
    }
  }

  private static void waitForMarks(int count) {
    Eventually.eventually(() -> assertEquals(count, MARKS.size()));
  }
}
