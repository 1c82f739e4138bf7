package dev.agentbus.impl.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** How an instance database holds its file: exclusively, without a -shm file, durably. */
class InstanceDatabaseTest {

  @TempDir Path dataDir;
  private Path template;
  private Path file;

  @BeforeEach
  void setUp() {
    template = DatabaseTemplate.ensure(dataDir);
    file = InstanceFiles.databaseFile(dataDir, "test-agent", "one");
  }

  @Test
  void anOpenDatabaseHasNoSharedMemoryFileAndHoldsItsFileExclusively() throws Exception {
    try (InstanceDatabase db = InstanceDatabase.create(file, template, "test-agent", "one")) {
      db.writeState("{\"n\":1}");
      assertTrue(Files.exists(InstanceFiles.companion(file, "-wal")), "writes go to the WAL");
      assertFalse(Files.exists(InstanceFiles.companion(file, "-shm")), "WAL index in memory");
      SQLException busy = assertThrows(SQLException.class, () -> readState(file));
      assertTrue(busy.getMessage().contains("locked"), busy.getMessage());
    }
    assertEquals("{\"n\":1}", readState(file), "readable by others once closed");
  }

  @Test
  void closingCheckpointsAndReopeningFindsNameAndState() {
    try (InstanceDatabase db = InstanceDatabase.create(file, template, "test-agent", "one")) {
      db.writeState("{\"n\":1}");
      db.writeState("{\"n\":2}");
    }
    assertFalse(Files.exists(InstanceFiles.companion(file, "-wal")), "WAL folded in and removed");
    assertFalse(Files.exists(InstanceFiles.companion(file, "-shm")));
    try (InstanceDatabase db = InstanceDatabase.openIfExists(file)) {
      assertEquals(new InstanceDatabase.Stored("one", "{\"n\":2}"), db.readStored());
      db.writeState("{\"n\":3}");
    }
    try (InstanceDatabase db = InstanceDatabase.openIfExists(file)) {
      assertEquals("{\"n\":3}", db.readStored().stateJson());
    }
  }

  @Test
  void aCheckpointCopiesCommittedPagesIntoTheDatabaseFile() throws Exception {
    try (InstanceDatabase db = InstanceDatabase.create(file, template, "test-agent", "one")) {
      db.writeState("{\"n\":1}");
      Path before = dataDir.resolve("before.db");
      Files.copy(file, before);
      assertEquals(null, readState(before), "the write is only in the WAL");
      db.checkpoint();
      Path after = dataDir.resolve("after.db");
      Files.copy(file, after);
      assertEquals("{\"n\":1}", readState(after), "the database file alone holds it");
    }
  }

  @Test
  void theWalStopsGrowingOnceCheckpointed() throws Exception {
    try (InstanceDatabase db = InstanceDatabase.create(file, template, "test-agent", "one")) {
      for (int i = 0; i < 200; i++) {
        db.writeState("{\"n\":" + i + "}");
      }
      db.checkpoint();
      long size = Files.size(InstanceFiles.companion(file, "-wal"));
      for (int i = 0; i < 200; i++) {
        db.writeState("{\"n\":" + i + "}");
      }
      assertEquals(
          size, Files.size(InstanceFiles.companion(file, "-wal")), "WAL reused from start");
    }
  }

  @Test
  void userTablesWorkWithTheSmallPageCache() {
    try (InstanceDatabase db = InstanceDatabase.create(file, template, "test-agent", "one")) {
      db.query("CREATE TABLE rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
      for (int i = 0; i < 2_000; i++) {
        db.query("INSERT INTO rows (text) VALUES (?)", "row " + i + " ".repeat(100));
      }
      assertEquals(2_000L, db.query("SELECT count(*) AS n FROM rows").get(0).getLong("n"));
      assertEquals(
          "row 1234",
          db.query("SELECT text FROM rows WHERE id = 1235").get(0).getString("text").trim());
    }
  }

  /** Reads the stored state with a connection of its own that does not wait for locks. */
  private static String readState(Path db) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(0);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT json FROM _agentbus_state")) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
