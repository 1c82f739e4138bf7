package dev.agentbus.impl.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * How an instance database's connection is opened. The pragmas run in an order that matters:
 *
 * <ol>
 *   <li>{@code locking_mode=EXCLUSIVE} before anything reads the file, so that SQLite keeps the WAL
 *       index in the connection's memory instead of a shared-memory {@code -shm} file: one file
 *       descriptor and one mapping fewer per open database. The file is locked for as long as it is
 *       open, which only this instance does (it already owned the file by its turn); another
 *       process or connection gets {@code SQLITE_BUSY} until the instance hibernates.
 *   <li>{@code journal_mode=WAL}, {@code synchronous=NORMAL}: a commit appends to the WAL without
 *       an fsync and survives a crash of the process.
 *   <li>{@code wal_autocheckpoint=0}: the runtime checkpoints on its SQLite pool.
 *   <li>{@code cache_size} of {@link #CACHE_PAGES} pages, then {@code shrink_memory}: SQLite's page
 *       cache takes a block of 20 pages (about 86 KB) on the first read, before any pragma can
 *       lower its size (setting the size reads the schema); emptying the cache once frees that
 *       block, and later reads allocate at most {@link #CACHE_PAGES} pages.
 * </ol>
 *
 * <p>The system property {@code agentbus.storage.previous=true} opens databases the way earlier
 * versions did (shared-memory WAL index, SQLite's default 2 MB cache), for benchmarks that compare
 * the two in one run; see docs/design.md.
 */
final class ConnectionSettings {

  /** Pages of SQLite's cache per open database (4 KB each). */
  static final int CACHE_PAGES = 8;

  /** Whether databases open the way earlier versions did (benchmarks only). */
  static final boolean PREVIOUS = Boolean.getBoolean("agentbus.storage.previous");

  private ConnectionSettings() {}

  /**
   * Opens a connection to an instance database.
   *
   * @param file the database file, as a path string
   * @return the open connection, in WAL mode
   * @throws SQLException if SQLite cannot open or set up the file
   */
  static Connection open(String file) throws SQLException {
    if (PREVIOUS) {
      return openAsBefore(file);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA locking_mode = EXCLUSIVE");
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA synchronous = NORMAL");
      statement.execute("PRAGMA wal_autocheckpoint = 0");
      statement.execute("PRAGMA cache_size = " + CACHE_PAGES);
      statement.execute("PRAGMA shrink_memory");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static Connection openAsBefore(String file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    Connection connection = config.createConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = 0");
    }
    return connection;
  }
}
