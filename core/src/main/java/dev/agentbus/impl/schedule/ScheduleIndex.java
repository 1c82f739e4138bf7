package dev.agentbus.impl.schedule;

import dev.agentbus.impl.node.InstanceKey;
import io.vertx.core.VertxException;
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
  private final Thread writer;
  private final ConcurrentHashMap<InstanceKey, Long> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> waiting =
      new ConcurrentLinkedQueue<>();
  private volatile boolean idle;
  private volatile boolean closed;

  /**
   * Opens (or creates) the index of a data directory.
   *
   * @param dataDir the data directory
   */
  ScheduleIndex(Path dataDir) {
    this.file = dataDir.resolve(".agentbus").resolve("schedule-index.db");
    if (Files.exists(file)) {
      connection = open();
    }
    writer = Thread.ofPlatform().daemon().name("agentbus-schedule-index").unstarted(this::write);
    writer.start();
  }

  /** Opens the file, creating it (a node that never had a schedule has none). */
  private Connection open() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    try {
      Files.createDirectories(file.getParent());
      Connection opened = config.createConnection("jdbc:sqlite:" + file);
      try (Statement statement = opened.createStatement()) {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS due (agent TEXT NOT NULL, name TEXT NOT NULL,"
                + " due INTEGER NOT NULL, PRIMARY KEY (agent, name)) WITHOUT ROWID");
      }
      opened.setAutoCommit(false);
      return opened;
    } catch (SQLException | java.io.IOException e) {
      throw new VertxException("Cannot open the schedule index " + file + ": " + e, e);
    }
  }

  /** Every row; read once at start-up, before any change is queued. */
  List<Row> load() {
    List<Row> rows = new ArrayList<>();
    if (connection == null) {
      return rows;
    }
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT agent, name, due FROM due")) {
      while (result.next()) {
        InstanceKey key = new InstanceKey(result.getString(1), result.getString(2));
        rows.add(new Row(key, result.getLong(3)));
      }
      connection.commit();
    } catch (SQLException e) {
      throw new VertxException("Cannot read the schedule index " + file + ": " + e, e);
    }
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
      } catch (SQLException | VertxException e) {
        LOG.log(Level.ERROR, "Cannot write the schedule index " + file, e);
        VertxException failure = new VertxException("Cannot write the schedule index: " + e, e);
        waiters.forEach(w -> w.completeExceptionally(failure));
        continue;
      }
      waiters.forEach(w -> w.complete(null));
    }
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
