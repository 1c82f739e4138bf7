package dev.agentbus.impl.storage;

import io.vertx.core.VertxException;
import java.nio.file.Path;

/**
 * A file that cannot serve as an instance database: not a SQLite file, cut short, damaged, another
 * program's database, or one written by a newer AgentBus. It was left exactly as it was found.
 */
public final class UnreadableDatabaseException extends VertxException {

  private final transient Path file;
  private final String reason;

  /**
   * @param file the file
   * @param reason why it cannot be used, in words for its owner (e.g. {@code not a SQLite
   *     database})
   * @param cause what SQLite or the file system reported, or {@code null}
   */
  public UnreadableDatabaseException(Path file, String reason, Throwable cause) {
    super("Database file " + file + " is unreadable (" + reason + ")", cause, true);
    this.file = file;
    this.reason = reason;
  }

  /** {@return the file} */
  public Path file() {
    return file;
  }

  /** {@return why it cannot be used} */
  public String reason() {
    return reason;
  }
}
