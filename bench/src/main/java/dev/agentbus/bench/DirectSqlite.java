package dev.agentbus.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * SQLite through sqlite-jdbc directly, without AgentBus: the baselines the AgentBus figures are
 * compared with.
 */
public final class DirectSqlite {

  private DirectSqlite() {}

  /**
   * The naive way to give each instance a database: per file, open a new sqlite-jdbc connection on
   * a new file, switch it to WAL, create a table, insert one row and close (sqlite-jdbc's defaults
   * otherwise: auto-commit, {@code synchronous=FULL}). Creates the files one after the other.
   *
   * @param dir the directory to create them in (created if missing)
   * @param prefix the file name prefix, so that separate runs use new files
   * @param count how many files
   * @return the files created per second
   * @throws Exception if SQLite or the file system fails
   */
  public static double filesPerSecond(Path dir, String prefix, int count) throws Exception {
    Files.createDirectories(dir);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      createOne(dir.resolve(prefix + i + ".db"), i);
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  private static void createOne(Path file, int i) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("CREATE TABLE state (id INTEGER PRIMARY KEY, json TEXT NOT NULL)");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO state (id, json) VALUES (1, ?)")) {
        insert.setString(1, "{\"count\":" + i + ",\"note\":\"fresh\"}");
        insert.executeUpdate();
      }
    }
  }

  /**
   * Opens existing WAL databases one after the other the way AgentBus does ({@code
   * journal_mode=WAL}, {@code synchronous=NORMAL}), reads one row and closes each: the storage
   * share of a wake from hibernation.
   *
   * @param files the databases
   * @param query a query returning at least one row
   * @return the latency of each open-read-close
   * @throws SQLException if SQLite fails
   */
  public static Latencies openReadClose(List<Path> files, String query) throws SQLException {
    long[] nanos = new long[files.size()];
    long start = System.nanoTime();
    for (int i = 0; i < nanos.length; i++) {
      long begin = System.nanoTime();
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      try (Connection connection = config.createConnection("jdbc:sqlite:" + files.get(i));
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(query)) {
        if (!rows.next()) {
          throw new SQLException("No row in " + files.get(i));
        }
      }
      nanos[i] = System.nanoTime() - begin;
    }
    return new Latencies(nanos, System.nanoTime() - start);
  }

  /**
   * The SQLite library and driver versions, e.g. {@code SQLite 3.50.3, sqlite-jdbc 3.50.3.0}.
   *
   * @return the text
   */
  public static String versions() {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      var meta = connection.getMetaData();
      return "SQLite "
          + meta.getDatabaseProductVersion()
          + ", sqlite-jdbc "
          + meta.getDriverVersion();
    } catch (SQLException e) {
      return "SQLite (unknown: " + e.getMessage() + ")";
    }
  }
}
