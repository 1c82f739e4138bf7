package dev.agentbus;

import dev.agentbus.testkit.LogCapture;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** What the runtime ({@code dev.agentbus.*}) logs while a test runs, kept off the console. */
final class CapturedLog implements AutoCloseable {

  private final LogCapture capture = LogCapture.of("dev.agentbus");

  /**
   * {@return the messages logged at WARNING or above that contain a text}
   *
   * @param text the text
   */
  List<String> warnings(String text) {
    return capture.atLeast(Level.WARNING).stream()
        .map(LogRecord::getMessage)
        .filter(message -> message != null && message.contains(text))
        .toList();
  }

  /** {@return every record logged at WARNING or above that has a stack trace attached} */
  List<LogRecord> withStackTraces() {
    return capture.atLeast(Level.WARNING).stream().filter(r -> r.getThrown() != null).toList();
  }

  @Override
  public void close() {
    capture.close();
  }
}
