package dev.agentbus.impl.storage;

import java.io.IOException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;

/**
 * Tells the storage faults the runtime answers in words of its own (a damaged file, a full disk)
 * from any other failure.
 */
public final class StorageErrors {

  private StorageErrors() {}

  /**
   * @param e a failure of SQLite
   * @return whether the disk was full ({@code SQLITE_FULL})
   */
  public static boolean isFull(SQLException e) {
    return primaryCode(e) == SQLiteErrorCode.SQLITE_FULL.code;
  }

  /**
   * @param e a failure of SQLite
   * @return whether the file is damaged or not a database ({@code SQLITE_CORRUPT}, {@code
   *     SQLITE_NOTADB})
   */
  public static boolean isCorrupt(SQLException e) {
    int code = primaryCode(e);
    return code == SQLiteErrorCode.SQLITE_CORRUPT.code
        || code == SQLiteErrorCode.SQLITE_NOTADB.code;
  }

  /**
   * @param e a failure of the file system
   * @return whether the disk (or the user's quota) was full; the JDK reports {@code ENOSPC} and
   *     {@code EDQUOT} only by their text
   */
  static boolean isFull(IOException e) {
    String message = e.getMessage();
    return message != null
        && (message.contains("No space left on device") || message.contains("Disk quota exceeded"));
  }

  /** SQLite's primary result code (the low byte of an extended one). */
  private static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }

  /**
   * SQLite's own words for a failure, without sqlite-jdbc's prefix ({@code [SQLITE_CORRUPT] The
   * database disk image is malformed (database disk image is malformed)} → {@code database disk
   * image is malformed}).
   */
  public static String sqliteText(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int open = message.lastIndexOf('(');
    if (message.startsWith("[") && open > 0 && message.endsWith(")")) {
      return message.substring(open + 1, message.length() - 1);
    }
    return message;
  }
}
