package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Agent#transaction}: all of its statements or none, and one commit for many. */
class TransactionTest extends AgentBusTestBase {

  public record Count(int count) {}

  public static class LedgerAgent extends Agent<Count> {
    @Override
    public Count initialState() {
      return new Count(0);
    }

    private void table() {
      sql("CREATE TABLE IF NOT EXISTS lines (n INTEGER NOT NULL)");
    }

    @Callable
    public int addLines(int count) {
      table();
      return transaction(
          () -> {
            for (int i = 0; i < count; i++) {
              sql("INSERT INTO lines (n) VALUES (?)", i);
            }
            return count;
          });
    }

    @Callable
    public String addThenFail(int count) {
      table();
      try {
        transaction(
            () -> {
              for (int i = 0; i < count; i++) {
                sql("INSERT INTO lines (n) VALUES (?)", i);
              }
              throw new IllegalArgumentException("changed my mind");
            });
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
      return "committed";
    }

    @Callable
    public int nested() {
      table();
      return transaction(() -> transaction(() -> sql("INSERT INTO lines (n) VALUES (1)").size()));
    }

    @Callable
    public void setStateInside() {
      transaction(
          () -> {
            setState(new Count(1));
            return null;
          });
    }

    @Callable
    public int lines() {
      table();
      return sql("SELECT count(*) AS c FROM lines").get(0).getInteger("c");
    }
  }

  @BeforeEach
  void register() {
    agents.register(LedgerAgent.class);
  }

  private AgentRef ledger() {
    return agents.get(LedgerAgent.class, "books");
  }

  @Test
  void itsStatementsAreCommittedTogetherAndSurviveARestart() {
    assertEquals(500, ledger().call(Integer.class, "addLines", 500).await());
    restart().register(LedgerAgent.class);
    assertEquals(500, ledger().call(Integer.class, "lines").await());
  }

  @Test
  void aTransactionThatThrowsLeavesNothing() {
    ledger().call("addLines", 3).await();
    assertEquals("changed my mind", ledger().call("addThenFail", 10).await());
    assertEquals(3, ledger().call(Integer.class, "lines").await());
    // the connection is usable afterwards, outside any transaction
    assertEquals(2, ledger().call(Integer.class, "addLines", 2).await());
    assertEquals(5, ledger().call(Integer.class, "lines").await());
  }

  @Test
  void aNestedTransactionJoinsTheOuterOne() {
    assertEquals(0, ledger().call(Integer.class, "nested").await());
    assertEquals(1, ledger().call(Integer.class, "lines").await());
  }

  @Test
  void setStateInsideATransactionIsRefusedAndChangesNothing() {
    AgentCallException refused =
        assertThrows(AgentCallException.class, () -> ledger().call("setStateInside").await());
    assertEquals(
        "setState() cannot run inside a transaction: a roll-back could not undo it",
        refused.getMessage());
    assertEquals(new JsonObject().put("count", 0), ledger().state().await());
  }
}
