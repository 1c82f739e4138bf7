package dev.agentbus.impl.storage;

/**
 * Checks on SQL text. sqlite-jdbc runs only the first statement of a text and silently drops the
 * rest; {@link #requireSingleStatement} turns that into a clear error.
 */
final class SqlText {

  private SqlText() {}

  /**
   * @param sql SQL text
   * @throws IllegalArgumentException if more than one statement follows a {@code ;} outside quotes
   *     and comments
   */
  static void requireSingleStatement(String sql) {
    int length = sql.length();
    int i = 0;
    while (i < length) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`' || c == '[') {
        char close = c == '[' ? ']' : c;
        i = sql.indexOf(close, i + 1);
        if (i < 0) {
          return;
        }
      } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
        i = sql.indexOf('\n', i);
        if (i < 0) {
          return;
        }
      } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
        i = sql.indexOf("*/", i + 2);
        if (i < 0) {
          return;
        }
        i++;
      } else if (c == ';' && hasStatementAfter(sql, i + 1)) {
        throw new IllegalArgumentException(
            "sql() runs one statement at a time; this text holds several: " + abbreviate(sql));
      }
      i++;
    }
  }

  private static boolean hasStatementAfter(String sql, int from) {
    for (int i = from; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        if (end < 0) {
          return false;
        }
        i = end;
      } else if (!Character.isWhitespace(c) && c != ';') {
        return true;
      }
    }
    return false;
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 120 ? sql : sql.substring(0, 117) + "...";
  }
}
