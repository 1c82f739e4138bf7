package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what is logged while it is open, from DEBUG up, on the root JUL logger (where {@code
 * System.Logger}, Vert.x and Netty log in the tests), and keeps it off the console.
 */
final class LogCapture implements AutoCloseable {

  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final Map<Handler, Level> handlerLevels = new HashMap<>();
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

  /** Starts recording. */
  LogCapture() {
    for (Handler handler : root.getHandlers()) {
      handlerLevels.put(handler, handler.getLevel());
      handler.setLevel(Level.OFF);
    }
    recorder.setLevel(Level.ALL);
    root.addHandler(recorder);
    root.setLevel(Level.FINE); // System.Logger's DEBUG
  }

  /** {@return the records so far} */
  List<LogRecord> records() {
    return List.copyOf(records);
  }

  /**
   * Asserts that nothing was logged above DEBUG, that no record carries a stack trace, that each is
   * one line, and that AgentBus itself logged at most one.
   *
   * @param what what happened, for the failure message
   */
  void assertAtMostOneDebugLine(String what) {
    long ours = records.stream().filter(r -> r.getLoggerName().startsWith("dev.agentbus")).count();
    if (ours > 1) {
      fail(what + ": AgentBus logged " + ours + " lines");
    }
    for (LogRecord record : records) {
      String message = String.valueOf(record.getMessage());
      if (record.getLevel().intValue() > Level.FINE.intValue()
          || record.getThrown() != null
          || message.contains("\n")) {
        fail(
            what
                + ": logged "
                + record.getLevel()
                + " by "
                + record.getLoggerName()
                + ": "
                + message
                + (record.getThrown() == null ? "" : " with " + record.getThrown()));
      }
    }
  }

  @Override
  public void close() {
    root.removeHandler(recorder);
    root.setLevel(rootLevel);
    handlerLevels.forEach(Handler::setLevel);
  }
}
