package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SqlTest extends AgentBusTestBase {

  public record Note(long id, String text) {}

  public static class NotesAgent extends Agent<Void> {
    @Override
    public void onStart(JsonObject props) {
      sql("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    @Callable
    public long add(String text) {
      return sql("INSERT INTO notes (text) VALUES (?) RETURNING id", text).get(0).getLong("id");
    }

    @Callable
    public List<JsonObject> all() {
      return sql("SELECT id, text FROM notes ORDER BY id");
    }

    @Callable
    public List<Note> typed() {
      return sql(Note.class, "SELECT id, text FROM notes ORDER BY id");
    }

    @Callable
    public List<JsonObject> run(String query, JsonArray params) {
      return sql(query, params.getList().toArray());
    }

    @Callable
    public String sqlFromAnotherThread() throws Exception {
      var result = new java.util.concurrent.atomic.AtomicReference<String>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  sql("SELECT 1");
                } catch (IllegalStateException e) {
                  result.set(e.getMessage());
                }
              });
      thread.start();
      thread.join();
      return result.get();
    }
  }

  @BeforeEach
  void register() {
    agents.register(NotesAgent.class);
  }

  private AgentRef notes() {
    return agents.get(NotesAgent.class, "n");
  }

  @Test
  void aStatementRunAgainTakesNewParametersAndAFailedOneCanBeRunAgain() {
    JsonArray one = new JsonArray().add(1).add("one");
    String insert = "INSERT INTO notes (id, text) VALUES (?, ?)";
    notes().call("run", insert, one).await();
    assertTrue(
        assertThrows(AgentCallException.class, () -> notes().call("run", insert, one).await())
            .getMessage()
            .contains("UNIQUE constraint failed"));
    notes().call("run", insert, new JsonArray().add(2).add("two")).await();
    // more distinct texts than statements kept, then the first one again
    for (int i = 0; i < 12; i++) {
      notes()
          .call("run", "SELECT " + i + " AS n, count(*) AS c FROM notes", new JsonArray())
          .await();
    }
    notes().call("run", insert, new JsonArray().add(3).add("three")).await();
    assertEquals(
        List.of("one", "two", "three"),
        notes().call(JsonArray.class, "all").await().stream()
            .map(row -> ((JsonObject) row).getString("text"))
            .toList());
  }

  @Test
  void rowsComeBackAsJsonObjectsOrRecords() {
    assertEquals(1L, ((Number) notes().call("add", "first").await()).longValue());
    notes().call("add", "second").await();
    assertEquals(
        new JsonArray()
            .add(new JsonObject().put("id", 1).put("text", "first"))
            .add(new JsonObject().put("id", 2).put("text", "second")),
        notes().call("all").await());
    assertEquals(
        new JsonArray()
            .add(new JsonObject().put("id", 1).put("text", "first"))
            .add(new JsonObject().put("id", 2).put("text", "second")),
        notes().call("typed").await());
  }

  @Test
  void parametersAreBoundNeverSpliced() {
    String hostile = "x'); DROP TABLE notes; --";
    notes().call("add", hostile).await();
    JsonArray rows = (JsonArray) notes().call("all").await();
    assertEquals(hostile, rows.getJsonObject(0).getString("text"));
  }

  @Test
  void severalStatementsInOneCallAreRefused() {
    String error =
        failure("run", "INSERT INTO notes (text) VALUES ('a'); DELETE FROM notes", new JsonArray());
    assertTrue(error.startsWith("sql() runs one statement at a time"), error);
    assertEquals(0, ((JsonArray) notes().call("all").await()).size());
    // a trailing semicolon and a semicolon inside a string are fine
    notes().call("run", "INSERT INTO notes (text) VALUES ('a;b');", new JsonArray()).await();
    assertEquals(1, ((JsonArray) notes().call("all").await()).size());
  }

  @Test
  void sqliteErrorsReachTheCaller() {
    assertTrue(
        failure("run", "SELECT * FROM missing", new JsonArray())
            .contains("no such table: missing"));
  }

  @Test
  void sqlOutsideTheAgentsContextIsRefused() {
    String message = (String) notes().call("sqlFromAnotherThread").await();
    assertTrue(message.startsWith("sql() must be called on the agent's own context"), message);
  }

  private String failure(String method, Object... args) {
    try {
      notes().call(method, args).await();
    } catch (AgentCallException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a failure");
  }
}
