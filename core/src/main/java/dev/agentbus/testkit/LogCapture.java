package dev.agentbus.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what is logged while it is open, from {@code DEBUG} ({@code FINE}) up, and keeps it off
 * the console, for tests that assert what a runtime logs. AgentBus logs through {@code
 * System.Logger}, which the JDK routes to {@code java.util.logging} when no other provider is on
 * the class path (as in a test without Logback); Vert.x and Netty log there too.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of("dev.agentbus")) {
 *   ...
 *   assertEquals(List.of(), log.atLeast(Level.WARNING));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousUseParents;
  private final Map<Handler, Level> silenced = new HashMap<>();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogCapture(String loggerName) {
    logger = Logger.getLogger(loggerName);
    previousLevel = logger.getLevel();
    previousUseParents = logger.getUseParentHandlers();
    for (Handler handler : logger.getHandlers()) {
      silenced.put(handler, handler.getLevel());
      handler.setLevel(Level.OFF);
    }
    logger.setUseParentHandlers(false);
    recorder.setLevel(Level.ALL);
    logger.addHandler(recorder);
    logger.setLevel(Level.FINE);
  }

  /**
   * Starts recording a logger and the loggers below it.
   *
   * @param loggerName e.g. {@code dev.agentbus}, or {@code ""} for everything
   * @return the capture; close it to restore the logger
   */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  /** {@return the records so far, oldest first} */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * {@return the records so far at a level or above}
   *
   * @param level e.g. {@link Level#WARNING}
   */
  public List<LogRecord> atLeast(Level level) {
    return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(recorder);
    logger.setLevel(previousLevel);
    logger.setUseParentHandlers(previousUseParents);
    silenced.forEach(Handler::setLevel);
  }
}
