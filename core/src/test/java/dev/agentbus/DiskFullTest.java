package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agentbus.impl.storage.InstanceFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a full disk, writes fail with a clear error and change nothing, every acknowledged write
 * survives (a restart too), and writes succeed again as soon as there is space, without a restart.
 *
 * <p>The disk is a 2 MB tmpfs where the machine lets the test mount one (root); elsewhere SQLite's
 * page limit ({@code PRAGMA max_page_count}, set through the agent's {@code sql}) refuses the
 * writes with the same {@code SQLITE_FULL}, and the creation of a new file on a full disk, which
 * only a real disk can refuse, is left out. The test prints which one it ran.
 */
@ExtendWith(VertxExtension.class)
class DiskFullTest {

  public record Saved(int version, String pad) {}

  public static class LedgerAgent extends Agent<Saved> {
    @Override
    public Saved initialState() {
      return new Saved(0, "");
    }

    /** Saves a version with a padding of a size that grows with it, so each needs new pages. */
    @Callable
    public int save(int version) {
      setState(new Saved(version, pad(version)));
      return version;
    }

    @Callable
    public long note() {
      sql("CREATE TABLE IF NOT EXISTS notes (text TEXT NOT NULL)");
      sql("INSERT INTO notes (text) VALUES (?)", "n".repeat(30_000));
      return notes();
    }

    @Callable
    public long notes() {
      return sql("SELECT count(*) AS n FROM notes").get(0).getLong("n");
    }

    @Callable
    public String remind(int version) {
      return schedule(3_600, "noop", pad(version)).id();
    }

    public void noop(String payload) {}

    /** Where no tmpfs can be mounted: SQLite refuses new pages as a full disk would. */
    @Callable
    public void limitPages(boolean limited) {
      long pages = sql("PRAGMA page_count").get(0).getLong("page_count");
      sql("PRAGMA max_page_count = " + (limited ? pages : 1_073_741_823L));
    }

    @Override
    public AgentResponse onRequest(AgentRequest request) {
      return AgentResponse.text(
          200, String.valueOf(save(Integer.parseInt(request.bodyAsString()))));
    }

    static String pad(int version) {
      return "p".repeat(20_000 + 4_096 * version);
    }
  }

  /** How the test fills the disk and frees it again. */
  private interface Disk {
    void fill(AgentBus agents) throws Exception;

    void free(AgentBus agents) throws Exception;
  }

  private static final String STATE_OF_A = "Disk full: state of ledger-agent/a not saved";

  private Vertx vertx;
  private Path dataDir;
  private AgentBus agents;

  @Test
  void aFullDiskRefusesWritesClearlyLosesNothingAcknowledgedAndRecovers(Vertx vertx)
      throws Exception {
    this.vertx = vertx;
    dataDir = Files.createTempDirectory("agentbus-full-disk");
    boolean pageLimit = Boolean.getBoolean("agentbus.test.pageLimit");
    StringBuilder whyNot = new StringBuilder(pageLimit ? "-Dagentbus.test.pageLimit=true" : "");
    SmallDisk tmpfs = pageLimit ? null : SmallDisk.mount(dataDir, "2m", whyNot);
    try {
      if (tmpfs != null) {
        System.out.println("DiskFullTest: a 2 MB tmpfs at " + dataDir + " is filled up");
        run(
            new Disk() {
              @Override
              public void fill(AgentBus agents) throws Exception {
                tmpfs.fill();
              }

              @Override
              public void free(AgentBus agents) throws Exception {
                tmpfs.free();
              }
            },
            true);
      } else {
        System.out.println(
            "DiskFullTest: no tmpfs ("
                + whyNot
                + "); SQLite's page limit stands in for the full disk, new files are not refused");
        run(
            new Disk() {
              @Override
              public void fill(AgentBus agents) {
                agents.get(LedgerAgent.class, "a").call("limitPages", true).await();
              }

              @Override
              public void free(AgentBus agents) {
                agents.get(LedgerAgent.class, "a").call("limitPages", false).await();
              }
            },
            false);
      }
    } finally {
      if (agents != null) {
        agents.close().await();
      }
      if (tmpfs != null) {
        tmpfs.close();
      }
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private void run(Disk disk, boolean newFilesRefused) throws Exception {
    start();
    AgentRef a = agents.get(LedgerAgent.class, "a");
    AgentRef b = agents.get(LedgerAgent.class, "b");
    int acked = (Integer) a.call("save", 1).await();
    assertEquals(1L, a.call("note").await());

    disk.fill(agents);
    acked = saveUntilRefused(a, acked);
    assertEquals(acked, version(a), "the state in memory is the one last saved");
    AgentCallException sql = assertThrows(AgentCallException.class, () -> a.call("note").await());
    assertEquals("Disk full: SQL statement of ledger-agent/a not applied", sql.getMessage());
    AgentCallException client =
        assertThrows(
            AgentCallException.class,
            () -> a.setState(new Saved(999, LedgerAgent.pad(999)), "client-1").await());
    assertEquals(STATE_OF_A, client.getMessage());
    AgentResponse http = GatewayCalls.http(agents, "ledger-agent", "a", "POST", "998");
    assertEquals(507, http.status());
    assertEquals(STATE_OF_A, http.body().toString());
    int larger = acked + 5;
    AgentCallException schedule =
        assertThrows(AgentCallException.class, () -> a.call("remind", larger).await());
    assertEquals("Disk full: the write was not applied", schedule.getMessage());
    assertEquals(acked, version(a), "no refused write reached the state");
    if (newFilesRefused) {
      AgentCallException created =
          assertThrows(AgentCallException.class, () -> b.call("save", 1).await());
      assertEquals("Disk full: state of ledger-agent/b not saved", created.getMessage());
      assertFalse(
          Files.exists(InstanceFiles.databaseFile(dataDir, "ledger-agent", "b")),
          "no half-written file left behind");
    }

    disk.free(agents); // writes succeed again, without a restart
    acked = (Integer) a.call("save", acked + 1).await();
    assertEquals(2L, a.call("note").await());
    a.call("remind", 1).await();
    assertEquals(1, b.call("save", 1).await());

    disk.fill(agents);
    acked = saveUntilRefused(a, acked);
    restart(); // closed while the disk is full, started again before there is space
    assertEquals(acked, version(agents.get(LedgerAgent.class, "a")));
    assertEquals(1, version(agents.get(LedgerAgent.class, "b")));

    disk.free(agents);
    acked = (Integer) agents.get(LedgerAgent.class, "a").call("save", acked + 1).await();
    restart();
    assertEquals(acked, version(agents.get(LedgerAgent.class, "a")));
    assertEquals(2L, agents.get(LedgerAgent.class, "a").call("notes").await());
  }

  /**
   * Saves ever larger states until the disk refuses one.
   *
   * @return the last version acknowledged
   */
  private static int saveUntilRefused(AgentRef ref, int acked) {
    for (int version = acked + 1; version < acked + 20; version++) {
      try {
        ref.call("save", version).await();
        acked = version; // the disk still had room for this one
      } catch (AgentCallException refused) {
        assertEquals(STATE_OF_A, refused.getMessage());
        return acked;
      }
    }
    return fail("the disk never filled up");
  }

  private static int version(AgentRef ref) {
    return ((JsonObject) ref.state().await()).getInteger("version");
  }

  private void start() {
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agents.register(LedgerAgent.class);
  }

  private void restart() {
    agents.close().await();
    start();
  }
}
