package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.impl.storage.InstanceFiles;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateTest extends AgentBusTestBase {

  static final List<String> UPDATES = new CopyOnWriteArrayList<>();

  public record Score(int points, String owner) {}

  public static class ScoreAgent extends Agent<Score> {
    @Override
    public Score initialState() {
      return new Score(0, "nobody");
    }

    @Override
    public boolean validateStateChange(Score next, StateSource source) {
      return next.points() >= 0;
    }

    @Override
    public void onStateUpdate(Score state, StateSource source) {
      UPDATES.add(state.points() + " from " + source);
    }

    @Callable
    public Score add(int points) {
      setState(new Score(state().points() + points, name()));
      return state();
    }
  }

  @BeforeEach
  void register() {
    UPDATES.clear();
    agents.register(ScoreAgent.class);
  }

  @Test
  void firstReadSeedsTheInitialStateWithoutCreatingAFile() {
    AgentRef ref = agents.get(ScoreAgent.class, "fresh");
    assertEquals(new JsonObject().put("points", 0).put("owner", "nobody"), ref.state().await());
    assertFalse(Files.exists(InstanceFiles.databaseFile(dataDir, "score-agent", "fresh")));
  }

  @Test
  void setStatePersistsAcrossHibernationAndRestart() {
    AgentRef ref = agents.get(ScoreAgent.class, "alice");
    ref.call("add", 5).await();
    ref.call("add", 2).await();
    AgentTestKit.hibernateIdle(agents).await();
    assertEquals(0, agents.liveInstances());
    assertEquals(
        9,
        ((JsonObject) agents.get(ScoreAgent.class, "alice").call("add", 2).await())
            .getInteger("points"));
    restart().register(ScoreAgent.class);
    assertEquals(
        new JsonObject().put("points", 9).put("owner", "alice"),
        agents.get(ScoreAgent.class, "alice").state().await());
  }

  @Test
  void stateUpdateHookTellsTheSource() {
    AgentRef ref = agents.get(ScoreAgent.class, "hook");
    ref.call("add", 1).await();
    ref.setState(new Score(7, "client"), "conn-42").await();
    assertEquals(List.of("1 from server", "7 from conn-42"), UPDATES);
  }

  @Test
  void validationRefusesServerAndClientChanges() {
    AgentRef ref = agents.get(ScoreAgent.class, "strict");
    AgentCallException server =
        assertThrows(AgentCallException.class, () -> ref.call("add", -1).await());
    assertEquals("State update rejected", server.getMessage());
    AgentCallException client =
        assertThrows(
            AgentCallException.class, () -> ref.setState(new Score(-5, "x"), "c1").await());
    assertEquals("State update rejected", client.getMessage());
    assertEquals(0, ((JsonObject) ref.state().await()).getInteger("points"));
    assertTrue(UPDATES.isEmpty());
  }

  @Test
  void aStateOfTheWrongShapeFromAClientIsRejected() {
    AgentRef ref = agents.get(ScoreAgent.class, "shape");
    AgentCallException e =
        assertThrows(AgentCallException.class, () -> ref.setState("not a score", "c1").await());
    assertEquals("State update rejected", e.getMessage());
  }

  @Test
  void stateChangesArePublishedOnTheStateAddress() throws Exception {
    Promise<JsonObject> first = Promise.promise();
    vertx
        .eventBus()
        .<JsonObject>consumer(
            agents.addresses().state("score-agent", "pub"), m -> first.tryComplete(m.body()))
        .completion()
        .await();
    agents.get(ScoreAgent.class, "pub").call("add", 3).await();
    JsonObject published = first.future().await(5, TimeUnit.SECONDS);
    assertEquals("cf_agent_state", published.getString("type"));
    assertEquals(3, published.getJsonObject("state").getInteger("points"));
  }

  @Test
  void aCorruptStoredStateFallsBackToTheInitialState() throws Exception {
    AgentRef ref = agents.get(ScoreAgent.class, "corrupt");
    ref.call("add", 4).await();
    AgentTestKit.hibernateIdle(agents).await();
    Path file = InstanceFiles.databaseFile(dataDir, "score-agent", "corrupt");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE _agentbus_state SET json = '{not json'");
    }
    assertEquals(0, ((JsonObject) ref.state().await()).getInteger("points"));
    assertEquals(1, ((JsonObject) ref.call("add", 1).await()).getInteger("points"));
  }

  public static class BusyAgent extends Agent<Score> {
    @Override
    public Score initialState() {
      return new Score(0, "busy");
    }

    @Callable
    public int bumpMany(int times) {
      for (int i = 0; i < times; i++) {
        setState(new Score(state().points() + 1, "busy"));
      }
      return state().points();
    }
  }

  @Test
  void theWriteAheadLogIsCheckpointedWhileAnInstanceStaysBusy() throws Exception {
    agents.register(BusyAgent.class);
    AgentRef ref = agents.get(BusyAgent.class, "writer");
    assertEquals(3_000, ref.call("bumpMany", 3_000).await());
    Path wal =
        InstanceFiles.companion(
            InstanceFiles.databaseFile(dataDir, "busy-agent", "writer"), "-wal");
    // 3,000 one-page commits without checkpoints would leave a WAL of about 12 MB.
    assertTrue(Files.size(wal) < 6_000_000, "WAL size " + Files.size(wal));
  }

  @Test
  void aClientStateTheStateTypeCannotRepresentIsRejectedNotBent() {
    AgentRef ref = agents.get(ScoreAgent.class, "strict");
    java.util.List<Object> refused =
        java.util.Arrays.asList(
            null,
            new JsonObject().put("points", 1.5).put("owner", "x"),
            new JsonObject().put("points", 1),
            new JsonObject().put("points", 1).put("owner", "x").put("extra", true),
            new JsonObject().put("points", "one").put("owner", "x"));
    for (Object state : refused) {
      AgentCallException e =
          assertThrows(AgentCallException.class, () -> ref.setState(state, "client-1").await());
      assertEquals("State update rejected", e.getMessage(), String.valueOf(state));
    }
    assertEquals(new JsonObject().put("points", 0).put("owner", "nobody"), ref.state().await());
    ref.setState(new JsonObject().put("points", 2).put("owner", "x"), "client-1").await();
    assertEquals(new JsonObject().put("points", 2).put("owner", "x"), ref.state().await());
  }

  @Test
  void anAgentConstructedDirectlyIsAPlainObjectUntilTheRuntimeBindsIt() {
    ScoreAgent agent = new ScoreAgent();
    IllegalStateException e = assertThrows(IllegalStateException.class, agent::state);
    assertTrue(e.getMessage().contains("is not bound to an instance yet"), e.getMessage());
  }

  /** The same agent under another name, for a registration of its own. */
  public static class SharedScoreAgent extends ScoreAgent {}

  @Test
  void aFactoryMustMakeANewObjectPerInstance() {
    SharedScoreAgent shared = new SharedScoreAgent();
    agents.register(SharedScoreAgent.class, () -> shared);
    agents.get(SharedScoreAgent.class, "first").state().await();
    Exception e =
        assertThrows(
            Exception.class, () -> agents.get(SharedScoreAgent.class, "second").state().await());
    assertTrue(e.getMessage().contains("needs a new object per instance"), e.getMessage());
  }
}
