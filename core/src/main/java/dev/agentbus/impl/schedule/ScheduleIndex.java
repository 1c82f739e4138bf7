package dev.agentbus.impl.schedule;

import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.storage.DatabaseFileCheck;
import dev.agentbus.impl.storage.DiskFullException;
import dev.agentbus.impl.storage.StorageErrors;
import dev.agentbus.impl.storage.UnreadableDatabaseException;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * The node's durable index of instances with tasks: for each, a time at or before which it must be
 * woken ({@code <dataDir>/.agentbus/schedule-index.db}, one row per instance, not per schedule).
 * Written by one platform thread that commits whatever accumulated since its last commit in one
 * transaction, so that thousands of changes per second cost a few commits. Same durability as the
 * instance files: WAL, {@code synchronous=NORMAL}, a commit survives a crash of the process.
 */
final class ScheduleIndex implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ScheduleIndex.class.getName());

  /** Marks a pending removal in {@link #pending}. */
  static final long REMOVE = Long.MIN_VALUE;

  /**
   * How long a change nobody waits for may sit before it is written: changes that move times later
   * (every firing makes one) are coalesced into one commit per this period.
   */
  static final long LAZY_FLUSH_MS = 50;

  /** One stored row. */
  record Row(InstanceKey key, long due) {}

  private final Path file;
  private Connection connection;
  private List<Row> loaded = List.of();
  private final Thread writer;
  private final ConcurrentHashMap<InstanceKey, Long> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiting =
      new ConcurrentLinkedQueue<>();
  private volatile boolean idle;
  private boolean failing;
  private volatile boolean closed;

  /**
   * Opens the index of a data directory and reads it (a node that never had a schedule has none).
   * An index that cannot be read (damaged, cut short, not an index) is set aside, never deleted,
   * and rebuilt from the instance files ({@link ScheduleIndexRebuild}).
   *
   * @param dataDir the data directory
   * @throws IllegalStateException if an existing index cannot be opened for another reason (its
   *     permissions, an I/O error), in one line naming the file
   */
  ScheduleIndex(Path dataDir) {
    this.file = dataDir.resolve(".agentbus").resolve("schedule-index.db");
    if (Files.exists(file)) {
      connection = openExisting(dataDir);
    }
    writer = Thread.ofPlatform().daemon().name("agentbus-schedule-index").unstarted(this::write);
    writer.start();
  }

  /** Opens the existing index and reads it, or sets it aside and rebuilds it. */
  private Connection openExisting(Path dataDir) {
    Connection opened = null;
    String unreadable;
    try {
      if (Files.size(file) > 0) { // an empty file holds nothing: SQLite gives it a header
        DatabaseFileCheck.header(file);
      }
      opened = open();
      loaded = read(opened);
      return opened;
    } catch (UnreadableDatabaseException e) {
      unreadable = e.reason();
    } catch (SQLException e) {
      if (!StorageErrors.isCorrupt(e) && e.getErrorCode() != SQLiteErrorCode.SQLITE_ERROR.code) {
        throw new IllegalStateException(
            "Cannot open the schedule index " + file + ": " + StorageErrors.sqliteText(e), e);
      }
      unreadable = "SQLite: " + StorageErrors.sqliteText(e); // damaged, or not an index
    } catch (IOException e) {
      throw new IllegalStateException("Cannot open the schedule index " + file + ": " + e, e);
    }
    closeQuietly(opened);
    return rebuild(dataDir, unreadable);
  }

  /** Sets the unreadable index aside, and writes a new one from the instance files. */
  private Connection rebuild(Path dataDir, String unreadable) {
    long start = System.nanoTime();
    Path aside =
        file.resolveSibling("schedule-index-unreadable-" + System.currentTimeMillis() + ".db");
    try {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path companion = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(companion)) {
          Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
      ScheduleIndexRebuild.Result found = ScheduleIndexRebuild.scan(dataDir);
      Connection rebuilt = open();
      Map<InstanceKey, Long> rows = new HashMap<>();
      found.rows().forEach(row -> rows.put(row.key(), row.due()));
      connection = rebuilt;
      commit(rows);
      loaded = found.rows();
      LOG.log(
          Level.WARNING,
          "The schedule index "
              + file
              + " was unreadable ("
              + unreadable
              + "); it is kept as "
              + aside.getFileName()
              + " and was rebuilt from "
              + found.files()
              + " instance files in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms: "
              + rows.size()
              + " instances with tasks"
              + (found.unreadable() == 0 ? "" : ", " + found.unreadable() + " files unreadable"));
      return rebuilt;
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(
          "The schedule index "
              + file
              + " is unreadable ("
              + unreadable
              + ") and cannot be rebuilt: "
              + e.getMessage(),
          e);
    }
  }

  /** Opens the file, creating it and its table if missing. */
  private Connection open() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    Connection opened = config.createConnection("jdbc:sqlite:" + file);
    try (Statement statement = opened.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS due (agent TEXT NOT NULL, name TEXT NOT NULL,"
              + " due INTEGER NOT NULL, PRIMARY KEY (agent, name)) WITHOUT ROWID");
      opened.setAutoCommit(false);
      return opened;
    } catch (SQLException e) {
      closeQuietly(opened);
      throw e;
    }
  }

  private static List<Row> read(Connection connection) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT agent, name, due FROM due")) {
      while (result.next()) {
        InstanceKey key = new InstanceKey(result.getString(1), result.getString(2));
        rows.add(new Row(key, result.getLong(3)));
      }
      connection.commit();
    }
    return rows;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing after a failure; the failure is what gets reported
      }
    }
  }

  /** Every row, read when the index was opened; once, at start-up, before any change is queued. */
  List<Row> load() {
    List<Row> rows = loaded;
    loaded = List.of();
    return rows;
  }

  /**
   * Queues a change (thread-safe, without locks). Later changes to the same instance replace
   * earlier ones not yet written.
   *
   * @param key the instance
   * @param due its new time, or {@link #REMOVE}
   * @param wait whether the caller waits for the commit
   * @return completes once the change is committed, or {@code null} if {@code wait} is false
   */
  CompletableFuture<Void> put(InstanceKey key, long due, boolean wait) {
    if (closed) {
      throw new IllegalStateException("AgentBus is closed");
    }
    pending.put(key, due);
    CompletableFuture<Void> committed = null;
    if (wait) {
      committed = new CompletableFuture<>();
      waiting.add(committed);
      LockSupport.unpark(writer);
    } else if (idle) {
      LockSupport.unpark(writer); // it then lets lazy changes gather before it writes
    }
    return committed;
  }

  private void write() {
    while (true) {
      idle = true;
      while (pending.isEmpty() && !closed) {
        LockSupport.park(this);
      }
      idle = false;
      if (pending.isEmpty()) {
        return; // closed, and everything is written
      }
      long flushAt = System.nanoTime() + LAZY_FLUSH_MS * 1_000_000;
      while (waiting.isEmpty() && !closed && System.nanoTime() < flushAt) {
        LockSupport.parkNanos(this, flushAt - System.nanoTime());
      }
      // Waiters first: each put its change before it queued itself, so the batch taken after
      // holds it (or a newer change of the same instance).
      List<CompletableFuture<Void>> waiters = new ArrayList<>();
      for (CompletableFuture<Void> w; (w = waiting.poll()) != null; ) {
        waiters.add(w);
      }
      Map<InstanceKey, Long> batch = new HashMap<>();
      for (InstanceKey key : pending.keySet()) {
        Long due = pending.remove(key);
        if (due != null) {
          batch.put(key, due);
        }
      }
      try {
        if (connection == null) {
          connection = open();
        }
        commit(batch);
      } catch (SQLException e) {
        VertxException failure = writeFailed(e, batch);
        waiters.forEach(w -> w.completeExceptionally(failure));
        continue;
      }
      if (failing) {
        failing = false;
        LOG.log(Level.INFO, "The schedule index " + file + " is written again");
      }
      waiters.forEach(w -> w.complete(null));
    }
  }

  /**
   * A commit failed (a full disk): its changes are queued again, unless newer ones replaced them,
   * and tried with the next commit, at most every {@link #LAZY_FLUSH_MS}, so that the index catches
   * up once there is space; the instances' files already hold what the changes stand for. The first
   * failure of a run is logged in one line, the others only at DEBUG. Whoever waited is told.
   */
  private VertxException writeFailed(SQLException e, Map<InstanceKey, Long> batch) {
    if (!closed) {
      batch.forEach(pending::putIfAbsent);
    }
    String text = StorageErrors.sqliteText(e);
    LOG.log(
        failing ? Level.DEBUG : Level.ERROR,
        "Cannot write the schedule index " + file + ": " + text + "; trying again");
    failing = true;
    return StorageErrors.isFull(e)
        ? new DiskFullException(
            "Disk full: the schedule index is not written (it is once there is space)", e)
        : new VertxException("Cannot write the schedule index: " + text, e, true);
  }

  private void commit(Map<InstanceKey, Long> batch) throws SQLException {
    try (PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO due (agent, name, due) VALUES (?, ?, ?)"
                    + " ON CONFLICT (agent, name) DO UPDATE SET due = excluded.due");
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM due WHERE agent = ? AND name = ?")) {
      for (Map.Entry<InstanceKey, Long> change : batch.entrySet()) {
        InstanceKey key = change.getKey();
        if (change.getValue() == REMOVE) {
          delete.setString(1, key.agent());
          delete.setString(2, key.name());
          delete.addBatch();
        } else {
          upsert.setString(1, key.agent());
          upsert.setString(2, key.name());
          upsert.setLong(3, change.getValue());
          upsert.addBatch();
        }
      }
      upsert.executeBatch();
      delete.executeBatch();
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    }
  }

  /** Writes what is queued, stops the writer and closes the file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Cannot close the schedule index " + file, e);
    }
  }
}
