package dev.agentbus.impl.instance;

import dev.agentbus.impl.storage.DiskFullException;
import dev.agentbus.impl.storage.InstanceDatabase;
import dev.agentbus.impl.storage.SqliteExecutor;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One instance's SQLite file: opened lazily, created from the template by the first write,
 * checkpointed, closed at hibernation and deleted by destroy.
 *
 * <p>What can wait on the disk (creating and opening the file, checkpoints, closing, deleting) runs
 * on the SQLite pool while the agent's virtual thread parks, so that no carrier thread is pinned by
 * an fsync. Statements on an open connection run on the agent's own virtual thread: in WAL mode
 * with {@code synchronous=NORMAL} a commit does no fsync, so the native call is short CPU work
 * (about 20 µs for a state write), cheaper than a hand-off to the pool and back (about 50 µs). See
 * docs/design.md ("SQLite").
 */
final class InstanceSql {

  private static final System.Logger LOG = System.getLogger(InstanceSql.class.getName());

  private final SqliteExecutor sqlite;
  private final Path template;
  private final Path file;
  private final String agent;
  private final String name;
  private @Nullable InstanceDatabase database;
  private boolean inTransaction;

  InstanceSql(SqliteExecutor sqlite, Path template, Path file, String agent, String name) {
    this.sqlite = sqlite;
    this.template = template;
    this.file = file;
    this.agent = agent;
    this.name = name;
  }

  /** The instance's database file. */
  Path file() {
    return file;
  }

  /**
   * Opens the file if the instance has one and reads what it stores about the instance.
   *
   * @return the stored name and state, or {@code null} for a never-written instance
   */
  InstanceDatabase.@Nullable Stored openStored() {
    if (!Files.exists(file)) {
      return null; // a never-written instance: no file, no trip to the SQLite pool
    }
    return sqlite.call(
        () -> {
          InstanceDatabase opened = InstanceDatabase.openIfExists(file);
          if (opened == null) {
            return null;
          }
          try {
            InstanceDatabase.Stored stored = opened.readStored();
            database = opened;
            return stored;
          } catch (RuntimeException e) {
            closeAfter(opened, e);
            throw e;
          }
        });
  }

  /** The open database, opening or creating the file on the SQLite pool if needed. */
  InstanceDatabase database() {
    InstanceDatabase open = database;
    return open != null ? open : sqlite.call(this::openOrCreate);
  }

  /** The open database if the file exists (opening it), else {@code null}; never creates it. */
  @Nullable InstanceDatabase existing() {
    if (database == null && Files.exists(file)) {
      sqlite.call(this::openOrCreate);
    }
    return database;
  }

  private InstanceDatabase openOrCreate() {
    InstanceDatabase open = database;
    if (open == null) {
      open = InstanceDatabase.openIfExists(file);
      if (open == null) {
        open = InstanceDatabase.create(file, template, agent, name);
      }
      database = open;
    }
    return open;
  }

  /**
   * Runs one statement (creating the file if needed), then checkpoints if one is due.
   *
   * @throws DiskFullException naming the instance, if the disk is full (nothing was applied)
   */
  List<JsonObject> query(String query, @Nullable Object... params) {
    List<JsonObject> rows;
    InstanceDatabase db;
    try {
      db = database();
      rows = db.query(query, params);
    } catch (DiskFullException e) {
      throw new DiskFullException("Disk full: SQL statement of " + instance() + " not applied", e);
    }
    wrote(db);
    return rows;
  }

  /** Like {@link #query}, mapping each row to a type with Jackson. */
  <T> List<T> query(Class<T> rowType, String query, @Nullable Object... params) {
    List<JsonObject> rows = query(query, params);
    List<T> out = new ArrayList<>(rows.size());
    for (JsonObject row : rows) {
      out.add(row.mapTo(rowType));
    }
    return out;
  }

  /** {@return whether a {@link #transaction} is running} */
  boolean inTransaction() {
    return inTransaction;
  }

  /**
   * Runs work in one SQLite transaction ({@code BEGIN IMMEDIATE} … {@code COMMIT}): its statements
   * are committed together, or not at all if it throws. Inside one, a nested call just runs.
   *
   * @throws DiskFullException naming the instance, if the commit does not fit (nothing applied)
   */
  <T> T transaction(java.util.function.Supplier<T> work) {
    if (inTransaction) {
      return work.get();
    }
    InstanceDatabase db;
    try {
      db = database();
      db.query("BEGIN IMMEDIATE");
    } catch (DiskFullException e) {
      throw new DiskFullException("Disk full: transaction of " + instance() + " not applied", e);
    }
    inTransaction = true;
    T result;
    try {
      result = work.get();
      db.query("COMMIT");
    } catch (DiskFullException e) {
      inTransaction = false;
      rollBack(db, e);
      throw new DiskFullException("Disk full: transaction of " + instance() + " not applied", e);
    } catch (RuntimeException | Error e) {
      inTransaction = false;
      rollBack(db, e);
      throw e;
    }
    inTransaction = false;
    wrote(db);
    return result;
  }

  private static void rollBack(InstanceDatabase db, Throwable failure) {
    try {
      db.query("ROLLBACK");
    } catch (RuntimeException e) {
      failure.addSuppressed(e); // SQLite may have rolled back already (a full disk does)
    }
  }

  /**
   * Persists the state's JSON text.
   *
   * @throws DiskFullException naming the instance, if the disk is full (the stored state is still
   *     the previous one)
   */
  void writeState(String json) {
    InstanceDatabase db;
    try {
      db = database();
      db.writeState(json);
    } catch (DiskFullException e) {
      throw new DiskFullException("Disk full: state of " + instance() + " not saved", e);
    }
    wrote(db);
  }

  /**
   * Checkpoints the WAL on the pool once enough statements ran since the last one. A checkpoint
   * that fails (a full disk) is logged and tried again after as many statements: the write it
   * follows is committed, in the WAL, and must not be reported as failed.
   */
  void wrote(InstanceDatabase db) {
    if (!inTransaction && db.needsCheckpoint()) {
      try {
        sqlite.call(
            () -> {
              db.checkpoint();
              return null;
            });
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Checkpoint of " + instance() + " failed; its WAL keeps the writes: " + e.getMessage());
      }
    }
  }

  private String instance() {
    return agent + "/" + name;
  }

  /** Closes the file (SQLite checkpoints the WAL into it). */
  void close() {
    sqlite.call(
        () -> {
          closeHere();
          return null;
        });
  }

  /** Closes and deletes the file and its companions. */
  void delete() {
    sqlite.call(
        () -> {
          closeHere();
          InstanceDatabase.delete(file);
          return null;
        });
  }

  private static void closeAfter(InstanceDatabase opened, RuntimeException failure) {
    try {
      opened.close();
    } catch (RuntimeException closing) {
      failure.addSuppressed(closing);
    }
  }

  private void closeHere() {
    InstanceDatabase open = database;
    if (open != null) {
      database = null;
      open.close();
    }
  }
}
