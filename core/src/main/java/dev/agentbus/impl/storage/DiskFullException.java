package dev.agentbus.impl.storage;

import io.vertx.core.VertxException;

/**
 * A write refused because the file system is full: SQLite's {@code SQLITE_FULL}, or {@code ENOSPC}
 * on a file the runtime writes itself. Nothing of the write was kept: SQLite rolled the statement
 * back, and a file being created was removed.
 */
public final class DiskFullException extends VertxException {

  /**
   * @param message what was not written, e.g. {@code Disk full: state of counter-agent/room-1 not
   *     saved}
   * @param cause what SQLite or the file system reported
   */
  public DiskFullException(String message, Throwable cause) {
    super(message, cause, true);
  }
}
