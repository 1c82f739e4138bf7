package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM acknowledges writes, then is killed with SIGKILL; a new runtime on the same data
 * directory must find every acknowledged write.
 */
class CrashDurabilityTest extends AgentBusTestBase {

  public record Tally(int count) {}

  /** The agent the child JVM writes through. */
  public static class LedgerAgent extends Agent<Tally> {
    @Override
    public Tally initialState() {
      return new Tally(0);
    }

    @Callable
    public int record(int n) {
      sql("CREATE TABLE IF NOT EXISTS entries (n INTEGER PRIMARY KEY)");
      sql("INSERT INTO entries (n) VALUES (?)", n);
      setState(new Tally(n));
      return n;
    }

    @Callable
    public long entries() {
      return sql("SELECT count(*) AS c FROM entries").get(0).getLong("c");
    }
  }

  /** The child JVM: writes until killed, printing each acknowledged write. */
  public static final class Child {
    public static void main(String[] args) {
      Vertx vertx = Vertx.vertx();
      AgentBus agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(args[0]));
      agents.register(LedgerAgent.class);
      for (int n = 1; ; n++) {
        for (String name : List.of("alpha", "beta")) {
          agents.get(LedgerAgent.class, name).call("record", n).await();
        }
        System.out.println("ACK " + n);
        System.out.flush();
      }
    }
  }

  @TempDir Path crashDir;

  @Test
  void acknowledgedWritesSurviveKillMinus9() throws Exception {
    Process child = ChildJvm.start(Child.class, crashDir.toString());
    int acknowledged = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acknowledged = Integer.parseInt(line.substring(4));
          if (acknowledged >= 300) {
            break;
          }
        }
      }
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no close
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertTrue(acknowledged >= 300, "the child acknowledged " + acknowledged + " writes");

    AgentBus after = AgentBus.create(vertx, new AgentBusOptions().setDataDir(crashDir.toString()));
    try {
      after.register(LedgerAgent.class);
      for (String name : List.of("alpha", "beta")) {
        AgentRef ref = after.get(LedgerAgent.class, name);
        int count = ((JsonObject) ref.state().await()).getInteger("count");
        long entries = ((Number) ref.call("entries").await()).longValue();
        assertTrue(count >= acknowledged, name + ": state " + count + " < acked " + acknowledged);
        assertTrue(
            entries >= acknowledged, name + ": rows " + entries + " < acked " + acknowledged);
      }
    } finally {
      after.close().await();
    }
  }
}
