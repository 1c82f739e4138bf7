package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.impl.storage.InstanceFiles;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An instance whose file cannot be read fails every call with a message that names it, is reported
 * once, leaves its file as it was, and takes no other instance down.
 */
class CorruptInstanceFileTest extends AgentBusTestBase {

  public record Count(int count) {}

  public static class TallyAgent extends Agent<Count> {
    @Override
    public Count initialState() {
      return new Count(0);
    }

    @Callable
    public int add(int by) {
      setState(new Count(state().count() + by));
      return state().count();
    }

    @Callable
    public void fill(int rows) {
      sql("CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)");
      for (int i = 0; i < rows; i++) {
        sql("INSERT INTO notes (text) VALUES (?)", "note " + i + " " + "x".repeat(400));
      }
    }

    @Override
    public AgentResponse onRequest(AgentRequest request) {
      return AgentResponse.text(200, String.valueOf(state().count()));
    }
  }

  /** The ways a file can be damaged, and the reason the error gives for each. */
  enum Damage {
    TRUNCATED("truncated: 49152 of "),
    GARBAGE("not a SQLite database"),
    FOREIGN_DATABASE("not an AgentBus instance file: it is not in WAL mode"),
    CONFLICTING_TABLE(
        "not an AgentBus instance file: table _agentbus_state has columns (id, data), not (id,"
            + " json)"),
    NEWER_SCHEMA("written by a newer AgentBus: schema version 2, this one reads up to 1");

    final String reason;

    Damage(String reason) {
      this.reason = reason;
    }
  }

  private static final String UNREADABLE =
      "Instance tally-agent/broken is unavailable: its database file is unreadable (";

  private CapturedLog log;

  @BeforeEach
  void register() {
    log = new CapturedLog();
    agents.register(TallyAgent.class);
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void anUnreadableFileFailsEveryCallClearlyIsReportedOnceAndIsNeverWritten(Damage damage)
      throws Exception {
    AgentRef healthy = agents.get(TallyAgent.class, "healthy");
    assertEquals(1, healthy.call("add", 1).await());
    Path file = damage(damage);
    byte[] before = Files.readAllBytes(file);
    AgentRef broken = agents.get(TallyAgent.class, "broken");

    for (int i = 0; i < 3; i++) { // the first message activates: a socket's call, as from a page
      assertUnreadable(damage, rpcOverSocket("call-" + i));
      AgentResponse http = GatewayCalls.http(agents, "tally-agent", "broken", "GET", "");
      assertEquals(503, http.status());
      assertUnreadable(damage, http.body().toString());
      AgentCallException call =
          assertThrows(AgentCallException.class, () -> broken.call("add", 1).await());
      assertUnreadable(damage, call.getMessage());
      AgentCallException state =
          assertThrows(AgentCallException.class, () -> broken.state().await());
      assertUnreadable(damage, state.getMessage());
      Exception bus =
          assertThrows(
              Exception.class,
              () ->
                  frame("tally-agent", "broken", new JsonObject().put("type", "agentbus_state_get"))
                      .await());
      assertUnreadable(damage, bus.getMessage());
      assertEquals(i + 2, healthy.call("add", 1).await(), "another instance keeps answering");
    }

    assertEquals(1, log.warnings("tally-agent/broken").size(), "reported once");
    assertTrue(log.warnings("tally-agent/broken").get(0).contains(file.toString()));
    assertTrue(log.withStackTraces().isEmpty(), "no stack trace in the log");
    assertArrayEquals(before, Files.readAllBytes(file), "the file is left as it was");
    agents.close().await();
    assertArrayEquals(before, Files.readAllBytes(file), "closing leaves it as it was");
    assertFalse(Files.exists(InstanceFiles.companion(file, "-wal")), "no WAL left behind");
    assertFalse(Files.exists(InstanceFiles.companion(file, "-shm")), "no -shm left behind");
  }

  @Test
  void aFileThatChangesIsTriedAgainAndARemovedOneStartsFresh() throws Exception {
    Path file = damage(Damage.GARBAGE);
    AgentRef broken = agents.get(TallyAgent.class, "broken");
    assertThrows(AgentCallException.class, () -> broken.call("add", 1).await());
    Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    AgentCallException again =
        assertThrows(AgentCallException.class, () -> broken.call("add", 1).await());
    assertUnreadable(Damage.GARBAGE, again.getMessage());
    assertEquals(2, log.warnings("tally-agent/broken").size(), "a changed file is a new report");
    Files.delete(file);
    assertEquals(5, broken.call("add", 5).await(), "without its file, the instance starts fresh");
  }

  @Test
  void anEmptyFileLeftByAnInterruptedCreationIsReplacedByANewOne() throws Exception {
    Path file = InstanceFiles.databaseFile(dataDir, "tally-agent", "broken");
    Files.createDirectories(file.getParent());
    Files.createFile(file); // a crash between creating the file and writing the template
    AgentRef instance = agents.get(TallyAgent.class, "broken");
    assertEquals(3, instance.call("add", 3).await());
    AgentTestKit.hibernateIdle(agents).await();
    assertEquals(4, instance.call("add", 1).await());
    assertTrue(log.warnings("tally-agent/broken").isEmpty());
  }

  @Test
  void aFileOfAnotherInstanceIsUnreadableForThisOne() throws Exception {
    agents.get(TallyAgent.class, "other").call("add", 7).await();
    AgentTestKit.hibernateIdle(agents).await();
    Path file = InstanceFiles.databaseFile(dataDir, "tally-agent", "broken");
    Files.createDirectories(file.getParent());
    Files.copy(InstanceFiles.databaseFile(dataDir, "tally-agent", "other"), file);
    AgentCallException e =
        assertThrows(
            AgentCallException.class,
            () -> agents.get(TallyAgent.class, "broken").call("add", 1).await());
    assertEquals(UNREADABLE + "it belongs to another instance)", e.getMessage());
  }

  private static void assertUnreadable(Damage damage, String message) {
    assertTrue(
        message.startsWith(UNREADABLE) && message.contains(damage.reason),
        "expected the reason '" + damage.reason + "', got: " + message);
  }

  /** Gives the instance {@code broken} a damaged file, and returns the file. */
  private Path damage(Damage damage) throws Exception {
    Path file = InstanceFiles.databaseFile(dataDir, "tally-agent", "broken");
    switch (damage) {
      case TRUNCATED -> {
        writeRealFile();
        byte[] whole = Files.readAllBytes(file);
        assertTrue(whole.length > 49152, "the file is large enough to cut: " + whole.length);
        Files.write(file, Arrays.copyOf(whole, 49152));
      }
      case GARBAGE -> {
        byte[] bytes = new byte[16384];
        new Random(12).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
      }
      case FOREIGN_DATABASE ->
          sqlite(
              file,
              "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)",
              "INSERT INTO users (email) VALUES ('someone@example.com')");
      case CONFLICTING_TABLE ->
          sqlite(
              file,
              "PRAGMA journal_mode = WAL",
              "CREATE TABLE _agentbus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
              "CREATE TABLE _agentbus_state (id INTEGER PRIMARY KEY, data BLOB)",
              "INSERT INTO _agentbus_state (id, data) VALUES (1, x'00ff')");
      case NEWER_SCHEMA -> {
        writeRealFile();
        sqlite(file, "PRAGMA user_version = 2");
      }
    }
    return file;
  }

  /** Writes state and rows to {@code broken}, then lets it hibernate (its WAL folded in). */
  private void writeRealFile() {
    AgentRef ref = agents.get(TallyAgent.class, "broken");
    ref.call("add", 4).await();
    ref.call("fill", 200).await();
    AgentTestKit.hibernateIdle(agents).await();
  }

  private static void sqlite(Path file, String... statements) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Calls {@code add} as a WebSocket client would, and returns the error the answer carries. */
  private String rpcOverSocket(String id) {
    JsonObject rpc =
        new JsonObject()
            .put("type", "rpc")
            .put("id", id)
            .put("method", "add")
            .put("args", new JsonArray().add(1));
    RecordingConnection connection =
        GatewayCalls.connectAndSend(agents, "tally-agent", "broken", rpc);
    assertEquals(1, connection.sent.size(), "one answer, nothing on connect: " + connection.sent);
    JsonObject answer = new JsonObject(connection.sent.get(0));
    assertEquals(id, answer.getString("id"));
    assertFalse(answer.getBoolean("success"));
    return answer.getString("error");
  }
}
