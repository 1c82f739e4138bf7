package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Records what is logged while it is open, from DEBUG up, on the root JUL logger (where {@code
 * System.Logger}, Vert.x and Netty log in the tests), and keeps it off the console.
 */
final class LogCapture implements AutoCloseable {

  private final dev.agentbus.testkit.LogCapture capture = dev.agentbus.testkit.LogCapture.of("");

  /** {@return the records so far} */
  List<LogRecord> records() {
    return capture.records();
  }

  /**
   * Asserts that nothing was logged above DEBUG, that no record carries a stack trace, that each is
   * one line, and that AgentBus itself logged at most one.
   *
   * @param what what happened, for the failure message
   */
  void assertAtMostOneDebugLine(String what) {
    List<LogRecord> records = capture.records();
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
    capture.close();
  }
}
