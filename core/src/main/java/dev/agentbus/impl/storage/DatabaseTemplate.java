package dev.agentbus.impl.storage;

import io.vertx.core.VertxException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The empty instance database that new instances start from. Building a database from scratch
 * (create, switch to WAL, create tables) costs several fsyncs; copying a ready-made file costs a
 * file copy. The template is built once per data directory.
 */
public final class DatabaseTemplate {

  /** The schema version of instance databases; part of the template's file name. */
  public static final int SCHEMA_VERSION = 1;

  private static final String[] SCHEMA = {
    "CREATE TABLE _agentbus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE _agentbus_state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
  };

  /** The template read last and its bytes (a JVM normally has one data directory). */
  private static volatile Contents contents;

  private record Contents(Path template, byte[] bytes) {}

  private DatabaseTemplate() {}

  /**
   * Creates a new database file as a copy of the template. The template's bytes are read once and
   * kept (12 KB), so a copy is one create and one write; the parent directory is created only if
   * missing (creating an existing one costs two exceptions inside the JDK).
   *
   * @param template the template, from {@link #ensure}
   * @param file the new file (must not exist)
   * @throws VertxException if the file cannot be written, or exists
   */
  public static void copyTo(Path template, Path file) {
    try {
      if (ConnectionSettings.PREVIOUS) {
        Files.createDirectories(file.getParent());
        Files.copy(template, file);
        return;
      }
      Contents read = contents;
      if (read == null || !read.template().equals(template)) {
        read = new Contents(template, Files.readAllBytes(template));
        contents = read;
      }
      byte[] bytes = read.bytes();
      Path parent = file.getParent();
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new VertxException("Cannot create database " + file + ": " + e, e);
    }
  }

  /**
   * Returns the template of a data directory, building it first if missing.
   *
   * @param dataDir the data directory
   * @return the template file
   */
  public static Path ensure(Path dataDir) {
    Path template = dataDir.resolve(".agentbus").resolve("instance-v" + SCHEMA_VERSION + ".db");
    if (Files.exists(template)) {
      return template;
    }
    try {
      Files.createDirectories(template.getParent());
      Path building = Files.createTempFile(template.getParent(), "template", ".tmp");
      Files.delete(building);
      build(building);
      try {
        Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(building, template, StandardCopyOption.REPLACE_EXISTING);
      }
      return template;
    } catch (IOException | SQLException e) {
      throw new VertxException("Cannot build the instance database template: " + e, e);
    }
  }

  private static void build(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String ddl : SCHEMA) {
        statement.execute(ddl);
      }
    }
  }
}
