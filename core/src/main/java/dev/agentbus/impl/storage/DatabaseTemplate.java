package dev.agentbus.impl.storage;

import io.vertx.core.VertxException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

  private static final System.Logger LOG = System.getLogger(DatabaseTemplate.class.getName());

  /**
   * The schema version of instance databases: part of the template's file name, and recorded in
   * each file as {@code PRAGMA user_version} (0 in files made before it was recorded, read as 1).
   */
  public static final int SCHEMA_VERSION = 1;

  private static final String[] SCHEMA = {
    "CREATE TABLE _agentbus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE _agentbus_state (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    "PRAGMA user_version = " + SCHEMA_VERSION,
  };

  /** The template read last and its bytes (a JVM normally has one data directory). */
  private static volatile Contents contents;

  private record Contents(Path template, byte[] bytes) {}

  private DatabaseTemplate() {}

  /**
   * Creates a new database file as a copy of the template. The template's bytes are read once and
   * kept (12 KB), so a copy is one create and one write; the parent directory is created only if
   * missing (creating an existing one costs two exceptions inside the JDK). The file is created
   * only if it does not exist, and removed again if it cannot be written whole (a full disk), so
   * that no half-written file is left for the next attempt to stumble on.
   *
   * @param template the template, from {@link #ensure}
   * @param file the new file (must not exist)
   * @throws DiskFullException if the disk is full
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
      Path parent = file.getParent();
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      write(file, read.bytes());
    } catch (IOException e) {
      if (StorageErrors.isFull(e)) {
        throw new DiskFullException("Disk full: the file was not created", e);
      }
      throw new VertxException("Cannot create database " + file + ": " + e, e);
    }
  }

  /** Writes a new file whole, or removes what was created of it. */
  private static void write(Path file, byte[] bytes) throws IOException {
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try (channel) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(file); // created by this call (CREATE_NEW): nobody else's
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
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
      try {
        DatabaseFileCheck.header(template);
        return template;
      } catch (UnreadableDatabaseException e) {
        // only a copy source, rebuilt at will: replaced below
        LOG.log(Level.WARNING, "Rebuilding the instance template " + template + ": " + e.reason());
      }
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
      contents = null; // bytes read from a template this one replaced
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
