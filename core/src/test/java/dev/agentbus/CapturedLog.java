package dev.agentbus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the runtime logs while a test runs. The runtime logs through {@code System.Logger}, which
 * the JDK routes to {@code java.util.logging} when no other provider is installed (as in these
 * tests); the records of {@code dev.agentbus.*} are kept here instead of printed, until {@link
 * #close()}.
 */
final class CapturedLog extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.agentbus");
  private final Level previousLevel = logger.getLevel();
  private final boolean previousUseParents = logger.getUseParentHandlers();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  CapturedLog() {
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
    logger.addHandler(this);
  }

  /**
   * {@return the messages logged at WARNING or above that contain a text}
   *
   * @param text the text
   */
  List<String> warnings(String text) {
    return records.stream()
        .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogRecord::getMessage)
        .filter(message -> message != null && message.contains(text))
        .toList();
  }

  /** {@return every record logged at WARNING or above that has a stack trace attached} */
  List<LogRecord> withStackTraces() {
    return records.stream()
        .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .filter(r -> r.getThrown() != null)
        .toList();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setUseParentHandlers(previousUseParents);
    logger.setLevel(previousLevel);
  }
}
