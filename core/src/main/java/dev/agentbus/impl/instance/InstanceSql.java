package dev.agentbus.impl.instance;

import dev.agentbus.impl.storage.InstanceDatabase;
import dev.agentbus.impl.storage.SqliteExecutor;
import io.vertx.core.json.JsonObject;
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

  private final SqliteExecutor sqlite;
  private final Path template;
  private final Path file;
  private final String agent;
  private final String name;
  private @Nullable InstanceDatabase database;

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
          database = InstanceDatabase.openIfExists(file);
          return database == null ? null : database.readStored();
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

  /** Runs one statement (creating the file if needed), then checkpoints if one is due. */
  List<JsonObject> query(String query, @Nullable Object... params) {
    InstanceDatabase db = database();
    List<JsonObject> rows = db.query(query, params);
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

  /** Persists the state's JSON text. */
  void writeState(String json) {
    InstanceDatabase db = database();
    db.writeState(json);
    wrote(db);
  }

  /** Checkpoints the WAL on the pool once enough statements ran since the last one. */
  void wrote(InstanceDatabase db) {
    if (db.needsCheckpoint()) {
      sqlite.call(
          () -> {
            db.checkpoint();
            return null;
          });
    }
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

  private void closeHere() {
    InstanceDatabase open = database;
    if (open != null) {
      database = null;
      open.close();
    }
  }
}
