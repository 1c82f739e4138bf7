package dev.agentbus.gateway;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The frame fuzzer's counts: frames sent by kind, sockets closed by code, calls of non-callable
 * methods refused, and the warnings the node logged meanwhile.
 */
final class FuzzTally {

  private static final List<String> LOGGERS = List.of("dev.agentbus", "io.vertx", "io.netty");

  private final Map<String, LongAdder> frames = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> messages = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
  private final LongAdder notCallable = new LongAdder();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  void sent(String kind, int frameCount) {
    messages.computeIfAbsent(kind, k -> new LongAdder()).increment();
    frames.computeIfAbsent(kind, k -> new LongAdder()).add(frameCount);
  }

  /** A socket that was sent only what a client may send, and answered a call afterwards. */
  void keptUsable() {
    closes
        .computeIfAbsent("any frames a client may send: kept usable", k -> new LongAdder())
        .increment();
  }

  /**
   * A socket that was sent frames that must close it, and what the server sent first; a client's
   * close answered with its own code counts as one outcome whatever the code.
   */
  void closed(FuzzFrames.Closing closing, RawWebSocket.Received first) {
    String how =
        switch (first) {
          case RawWebSocket.Close close when close.code() == closing.code() ->
              closing.kind().startsWith("client close")
                  ? "closed with its own code"
                  : "closed with " + close.code();
          case RawWebSocket.Close close ->
              "closed with " + close.code() + ", not " + closing.code();
          case RawWebSocket.Ended ended -> "dropped without a close frame (1006)";
          case null -> "nothing within the wait";
          default -> "not closed: answered";
        };
    closes.computeIfAbsent(closing.kind() + ": " + how, k -> new LongAdder()).increment();
  }

  void notCallableRefused() {
    notCallable.increment();
  }

  /** Warnings and errors of the node's loggers are kept (and not printed) until stopped. */
  void startCapturingLogs() {
    for (String name : LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.WARNING);
      logger.setUseParentHandlers(false);
      logger.addHandler(capture);
    }
  }

  void stopCapturingLogs() {
    for (String name : LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.removeHandler(capture);
      logger.setUseParentHandlers(true);
      logger.setLevel(null);
    }
  }

  /** The records logged at {@code level} or above. */
  List<LogRecord> logged(Level level) {
    return logged.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
  }

  String report() {
    StringBuilder report = new StringBuilder("Frame fuzzing, messages (frames) sent by kind:\n");
    new TreeMap<>(messages)
        .forEach(
            (kind, count) ->
                report.append(
                    String.format(
                        "  %-50s %7d (%d)%n", kind, count.sum(), frames.get(kind).sum())));
    report.append("Sockets:\n");
    new TreeMap<>(closes)
        .forEach((how, count) -> report.append(String.format("  %-50s %7d%n", how, count.sum())));
    report.append(String.format("Calls of non-callable methods refused: %d%n", notCallable.sum()));
    report.append(String.format("Warnings logged: %d%n", logged.size()));
    logged.stream()
        .map(
            r ->
                "  "
                    + r.getLevel()
                    + " "
                    + r.getLoggerName()
                    + ": "
                    + r.getMessage()
                    + (r.getThrown() != null ? " [" + r.getThrown() + "]" : ""))
        .distinct()
        .limit(20)
        .forEach(line -> report.append(line).append('\n'));
    return report.toString();
  }
}
