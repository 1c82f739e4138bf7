package dev.agentbus.impl.storage;

import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One instance's SQLite database: a single connection in WAL mode with {@code synchronous=NORMAL},
 * so that a committed write survives a crash of the process (it is in the WAL, in the operating
 * system's cache) without an fsync per commit. The connection holds the file in exclusive locking
 * mode with a small page cache ({@link ConnectionSettings}). Not thread-safe: the instance's turn
 * serializes its use.
 */
public final class InstanceDatabase implements AutoCloseable {

  private static final String READ_STORED =
      "SELECT (SELECT value FROM _agentbus_meta WHERE key = 'name'),"
          + " (SELECT json FROM _agentbus_state WHERE id = 1)";
  private static final String WRITE_STATE =
      "INSERT INTO _agentbus_state (id, json) VALUES (1, ?)"
          + " ON CONFLICT (id) DO UPDATE SET json = excluded.json";

  /** The text of a write refused for a full disk (callers that know the instance say more). */
  private static final String NOT_WRITTEN = "Disk full: the write was not applied";

  /** Prepared statements kept per database for reuse (most recently used). */
  static final int CACHED_STATEMENTS = 8;

  /** Statements between two checkpoints (SQLite's own automatic checkpoint is off). */
  static final int CHECKPOINT_EVERY = 1_000;

  private final Path file;
  private final Connection connection;
  private PreparedStatement stateWriter;
  private LinkedHashMap<String, PreparedStatement> statements;
  private int sinceCheckpoint;

  private InstanceDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** What an existing database holds about its instance. */
  public record Stored(String name, String stateJson) {}

  /**
   * Opens an instance's database if its file exists. An empty file without a WAL is what an
   * interrupted creation leaves (it holds nothing): it is removed, and the instance has no file.
   *
   * @param file the database file
   * @return the open database, or {@code null} if there is no file
   * @throws UnreadableDatabaseException if the file is not an instance database this runtime reads
   *     (it is left as it was)
   * @throws VertxException if the file cannot be opened
   */
  public static InstanceDatabase openIfExists(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      if (DatabaseFileCheck.isUnfinishedCreation(file)) {
        Files.deleteIfExists(file);
        return null;
      }
    } catch (IOException e) {
      throw new VertxException("Cannot open database " + file + ": " + e, e);
    }
    DatabaseFileCheck.header(file);
    return open(file);
  }

  /**
   * Creates an instance's database from the template and records the instance's name in it. If that
   * fails, the new file is removed: an existing file is never replaced.
   *
   * @param file the database file (must not exist)
   * @param template the template database
   * @param agent the agent's public name
   * @param name the instance name
   * @return the open database
   * @throws DiskFullException if the disk is full
   */
  public static InstanceDatabase create(Path file, Path template, String agent, String name) {
    DatabaseTemplate.copyTo(template, file);
    InstanceDatabase database = null;
    try {
      database = open(file);
      database.update(
          "INSERT INTO _agentbus_meta (key, value) VALUES ('name', ?), ('agent', ?), ('created', ?)",
          name,
          agent,
          java.time.Instant.now().toString());
      return database;
    } catch (RuntimeException e) {
      try {
        if (database != null) {
          database.close();
        }
        delete(file);
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static InstanceDatabase open(Path file) {
    Connection connection;
    try {
      connection = ConnectionSettings.open(file.toString());
    } catch (SQLException e) {
      throw failure(file, "Cannot open database " + file, e);
    }
    try {
      DatabaseFileCheck.schema(file, connection);
      return new InstanceDatabase(file, connection);
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e instanceof SQLException sql
          ? failure(file, "Cannot open database " + file, sql)
          : (RuntimeException) e;
    }
  }

  /**
   * What a failure of SQLite on a file means: the file is unreadable, the disk is full, or
   * something else (with SQLite's message after {@code what}).
   */
  private static VertxException failure(Path file, String what, SQLException e) {
    if (StorageErrors.isCorrupt(e)) {
      return new UnreadableDatabaseException(file, "SQLite: " + StorageErrors.sqliteText(e), e);
    }
    if (StorageErrors.isFull(e)) {
      return new DiskFullException(NOT_WRITTEN, e);
    }
    return new VertxException(what + ": " + e.getMessage(), e);
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /**
   * Reads the stored instance name and state.
   *
   * @return what is stored; its fields are {@code null} where nothing is
   */
  public Stored readStored() {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(READ_STORED)) {
      rows.next();
      return new Stored(rows.getString(1), rows.getString(2));
    } catch (SQLException e) {
      throw failure(file, "Cannot read instance data from " + file, e);
    }
  }

  /**
   * Stores the state, replacing the previous one; durable against a process crash when it returns.
   *
   * @param json the state as JSON text
   * @throws DiskFullException if the disk is full (the previous state stays)
   */
  public void writeState(String json) {
    try {
      if (stateWriter == null) {
        stateWriter = connection.prepareStatement(WRITE_STATE);
      }
      stateWriter.setString(1, json);
      stateWriter.executeUpdate();
      sinceCheckpoint++;
    } catch (SQLException e) {
      // sqlite-jdbc leaves a statement that failed (SQLITE_FULL) unusable: prepare it anew
      closeQuietly(stateWriter);
      stateWriter = null;
      throw failure(file, "Cannot store state in " + file, e);
    }
  }

  /**
   * Runs one statement.
   *
   * @param sql one SQL statement
   * @param params values for its placeholders
   * @return its rows (empty if it returns none)
   * @throws VertxException with SQLite's message if the statement fails
   * @throws DiskFullException if the disk is full (the statement had no effect)
   * @throws IllegalArgumentException if the text holds several statements or a parameter has an
   *     unsupported type
   */
  public List<JsonObject> query(String sql, Object... params) {
    sinceCheckpoint++;
    PreparedStatement statement = statements == null ? null : statements.remove(sql);
    try {
      if (statement == null) {
        SqlText.requireSingleStatement(sql);
        statement = connection.prepareStatement(sql);
      } else {
        statement.clearParameters();
      }
      bind(statement, params);
      List<JsonObject> rows = Collections.emptyList();
      if (statement.execute()) {
        try (ResultSet result = statement.getResultSet()) {
          rows = read(result);
        }
      }
      keep(sql, statement);
      return rows;
    } catch (SQLException e) {
      closeQuietly(statement);
      throw StorageErrors.isFull(e)
          ? new DiskFullException(NOT_WRITTEN, e)
          : new VertxException(e.getMessage(), e, true);
    } catch (RuntimeException e) {
      closeQuietly(statement);
      throw e;
    }
  }

  /**
   * Keeps a statement for the next use of the same text, the {@link #CACHED_STATEMENTS} most
   * recently used ones at most: preparing costs about as much as running a small statement.
   */
  private void keep(String sql, PreparedStatement statement) {
    if (statements == null) {
      statements = new LinkedHashMap<>();
    }
    statements.put(sql, statement);
    if (statements.size() > CACHED_STATEMENTS) {
      Iterator<PreparedStatement> eldest = statements.values().iterator();
      closeQuietly(eldest.next());
      eldest.remove();
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // closing a statement that failed; the failure is what gets reported
      }
    }
  }

  /**
   * Whether enough statements ran since the last checkpoint that the WAL should be folded into the
   * database ({@link #CHECKPOINT_EVERY}). A commit in WAL mode with {@code synchronous=NORMAL}
   * writes without fsync; a checkpoint fsyncs, so the runtime runs it on a platform thread.
   */
  public boolean needsCheckpoint() {
    return sinceCheckpoint >= CHECKPOINT_EVERY;
  }

  /** Copies the WAL's committed pages into the database file (fsyncs both). */
  public void checkpoint() {
    sinceCheckpoint = 0;
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      throw failure(file, "Cannot checkpoint " + file, e);
    }
  }

  /** Runs a one-off statement, not kept for reuse (a new file's metadata). */
  private void update(String sql, Object... params) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      statement.executeUpdate();
      sinceCheckpoint++;
    } catch (SQLException e) {
      throw failure(file, "Cannot write to " + file, e);
    }
  }

  private static List<JsonObject> read(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    String[] labels = new String[columns];
    for (int i = 0; i < columns; i++) {
      labels[i] = meta.getColumnLabel(i + 1);
    }
    List<JsonObject> out = new ArrayList<>();
    while (rows.next()) {
      JsonObject row = new JsonObject();
      for (int i = 0; i < columns; i++) {
        row.put(labels[i], rows.getObject(i + 1));
      }
      out.add(row);
    }
    return out;
  }

  private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      int index = i + 1;
      switch (value) {
        case null -> statement.setNull(index, Types.NULL);
        case String s -> statement.setString(index, s);
        case Integer n -> statement.setLong(index, n);
        case Long n -> statement.setLong(index, n);
        case Short n -> statement.setLong(index, n);
        case Byte n -> statement.setLong(index, n);
        case Double n -> statement.setDouble(index, n);
        case Float n -> statement.setDouble(index, n);
        case java.math.BigDecimal n -> statement.setString(index, n.toPlainString());
        case java.math.BigInteger n -> statement.setString(index, n.toString());
        case Boolean b -> statement.setLong(index, b ? 1 : 0);
        case byte[] bytes -> statement.setBytes(index, bytes);
        case Buffer buffer -> statement.setBytes(index, buffer.getBytes());
        case JsonObject json -> statement.setString(index, json.encode());
        case JsonArray json -> statement.setString(index, json.encode());
        case Character c -> statement.setString(index, c.toString());
        case Enum<?> e -> statement.setString(index, e.name());
        case java.time.temporal.TemporalAccessor t -> statement.setString(index, t.toString());
        default ->
            throw new IllegalArgumentException(
                "Unsupported SQL parameter "
                    + index
                    + " of type "
                    + value.getClass().getName()
                    + "; bind a string, number, boolean, byte[], JsonObject or JsonArray");
      }
    }
  }

  /** Closes the connection; SQLite checkpoints the WAL into the database file. */
  @Override
  public void close() {
    try {
      if (stateWriter != null) {
        stateWriter.close();
      }
      if (statements != null) {
        statements.values().forEach(InstanceDatabase::closeQuietly);
        statements = null;
      }
      connection.close();
    } catch (SQLException e) {
      throw new VertxException("Cannot close database " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes a database and its companion files.
   *
   * @param file the database file
   */
  public static void delete(Path file) {
    for (Path path :
        List.of(
            InstanceFiles.companion(file, "-wal"), InstanceFiles.companion(file, "-shm"), file)) {
      try {
        Files.deleteIfExists(path);
      } catch (NoSuchFileException e) {
        // already gone
      } catch (IOException e) {
        throw new VertxException("Cannot delete " + path + ": " + e, e);
      }
    }
  }
}
