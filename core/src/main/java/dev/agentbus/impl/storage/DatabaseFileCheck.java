package dev.agentbus.impl.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks that a file is a database of the runtime's (an instance's, or the node's schedule index)
 * before it uses it, so that a file it cannot read is refused with a reason and left as it was.
 *
 * <p>The file's header is read first, in Java: opening a database the way instances do writes to a
 * file that is not in WAL mode already (SQLite converts another program's database, and gives an
 * empty file a header). Then, on the open connection, the tables AgentBus owns must have their
 * columns, and the schema version ({@code PRAGMA user_version}, 0 in files made before it was
 * recorded) must be one this runtime reads. The checks cost one read of 100 bytes and one statement
 * per opening; damage further inside the file is found by SQLite when a statement reads it. See
 * docs/design.md ("Faults").
 */
public final class DatabaseFileCheck {

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_BYTES = 100;
  private static final int WAL_HEADER_BYTES = 32;
  private static final String META_COLUMNS = "key, value";
  private static final String STATE_COLUMNS = "id, json";
  private static final String SCHEMA =
      "SELECT (SELECT group_concat(name, ', ') FROM"
          + " (SELECT name FROM pragma_table_info('_agentbus_meta') ORDER BY cid)),"
          + " (SELECT group_concat(name, ', ') FROM"
          + " (SELECT name FROM pragma_table_info('_agentbus_state') ORDER BY cid)),"
          + " (SELECT user_version FROM pragma_user_version)";

  private DatabaseFileCheck() {}

  /**
   * Whether a file is what an interrupted creation leaves: empty, with no write-ahead log that
   * holds anything. A crash between creating the file and writing the template into it leaves one;
   * it holds nothing, and the instance may start fresh over it.
   *
   * @param file an existing database file
   * @return whether it is empty and has no WAL frames
   * @throws IOException if it cannot be examined
   */
  static boolean isUnfinishedCreation(Path file) throws IOException {
    return Files.size(file) == 0 && !walHasFrames(file);
  }

  /**
   * Checks the header of a file before SQLite opens it: a SQLite database, in WAL mode, not shorter
   * than its header says (when no WAL holds pages that are not in the file yet).
   *
   * @param file an existing database file
   * @throws UnreadableDatabaseException if it is not one
   */
  public static void header(Path file) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    long length;
    boolean walFrames;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      length = channel.size();
      while (header.hasRemaining() && channel.read(header) >= 0) {
        // read the header, or what there is of it
      }
      walFrames = walHasFrames(file);
    } catch (IOException e) {
      throw new UnreadableDatabaseException(file, "it cannot be read: " + e.getMessage(), e);
    }
    if (length == 0) {
      throw new UnreadableDatabaseException(file, "empty (0 bytes)", null);
    }
    if (header.position() < HEADER_BYTES
        || !header.slice(0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
      throw new UnreadableDatabaseException(file, "not a SQLite database", null);
    }
    int pageSize = header.getShort(16) & 0xffff;
    pageSize = pageSize == 1 ? 65_536 : pageSize;
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
      throw new UnreadableDatabaseException(file, "not a SQLite database", null);
    }
    if (header.get(18) != 2 || header.get(19) != 2) {
      throw new UnreadableDatabaseException(
          file, "not an AgentBus instance file: it is not in WAL mode", null);
    }
    // The page count in the header is valid when the change counter matches the version it was
    // written at; once a checkpoint completes (and the WAL is empty) the file holds every page.
    long pages = header.getInt(28) & 0xffffffffL;
    boolean countValid = header.getInt(24) == header.getInt(92) && pages > 0;
    long expected = pages * pageSize;
    if (!walFrames && (length % pageSize != 0 || (countValid && length < expected))) {
      throw new UnreadableDatabaseException(
          file, "truncated: " + length + " of " + expected + " bytes", null);
    }
  }

  /**
   * Checks the tables AgentBus owns and the schema version, on a connection just opened.
   *
   * @param file the database file
   * @param connection its connection
   * @throws UnreadableDatabaseException if the file is not an instance database this runtime reads
   * @throws SQLException if SQLite fails otherwise
   */
  static void schema(Path file, Connection connection) throws SQLException {
    String meta;
    String state;
    int version;
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(SCHEMA)) {
      row.next();
      meta = row.getString(1);
      state = row.getString(2);
      version = row.getInt(3);
    }
    requireColumns(file, "_agentbus_meta", meta, META_COLUMNS);
    requireColumns(file, "_agentbus_state", state, STATE_COLUMNS);
    if (version > DatabaseTemplate.SCHEMA_VERSION) {
      throw new UnreadableDatabaseException(
          file,
          "written by a newer AgentBus: schema version "
              + version
              + ", this one reads up to "
              + DatabaseTemplate.SCHEMA_VERSION,
          null);
    }
  }

  private static void requireColumns(Path file, String table, String found, String expected) {
    if (found == null) {
      throw new UnreadableDatabaseException(
          file, "not an AgentBus instance file: it has no table " + table, null);
    }
    if (!found.equals(expected)) {
      throw new UnreadableDatabaseException(
          file,
          "not an AgentBus instance file: table "
              + table
              + " has columns ("
              + found
              + "), not ("
              + expected
              + ")",
          null);
    }
  }

  /** Whether the database's WAL holds frames (more than its header). */
  private static boolean walHasFrames(Path file) throws IOException {
    Path wal = InstanceFiles.companion(file, "-wal");
    return Files.exists(wal) && Files.size(wal) > WAL_HEADER_BYTES;
  }
}
