package dev.agentbus.bench.chat;

import dev.agentbus.bench.CpuTimes;
import dev.agentbus.bench.gateway.ChildJvm;
import dev.agentbus.bench.gateway.ThreadCpu;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time the server process and this (load) process spent over a window of the run, and the
 * wall-clock time: opened before a scenario's first request, closed after its last terminal frame.
 */
final class CpuWindow {

  private final ChildJvm server;
  private final long startNanos = System.nanoTime();
  private final JsonObject serverBefore;
  private final long loadBefore = loadCpuNanos();
  private final CpuTimes machineBefore = CpuTimes.now();
  private long wallNanos;
  private long serverNanos;
  private long loadNanos;
  private JsonObject threads;
  private String steal = "";

  private CpuWindow(ChildJvm server) {
    this.server = server;
    this.serverBefore = server.command("cpu", 60);
  }

  /**
   * Opens a window now.
   *
   * @param server the server's JVM (answers {@code cpu})
   * @return the window
   */
  static CpuWindow open(ChildJvm server) {
    return new CpuWindow(server);
  }

  /**
   * Closes the window.
   *
   * @return this
   */
  CpuWindow close() {
    JsonObject after = server.command("cpu", 60);
    wallNanos = System.nanoTime() - startNanos;
    loadNanos = loadCpuNanos() - loadBefore;
    serverNanos = after.getLong("cpuNanos") - serverBefore.getLong("cpuNanos");
    threads =
        ThreadCpu.delta(serverBefore.getJsonObject("threads"), after.getJsonObject("threads"));
    CpuTimes machineAfter = CpuTimes.now();
    if (machineBefore != null && machineAfter != null) {
      steal = machineAfter.since(machineBefore);
    }
    return this;
  }

  /** {@return the window's wall-clock time, in nanoseconds} */
  long wallNanos() {
    return wallNanos;
  }

  /** {@return the server's CPU time in the window, in nanoseconds} */
  long serverNanos() {
    return serverNanos;
  }

  /** {@return this process's (fake model and clients) CPU time in the window, in nanoseconds} */
  long loadNanos() {
    return loadNanos;
  }

  /** {@return the host's steal and the disk's iowait over the window, as a sentence} */
  String steal() {
    return steal;
  }

  /**
   * The server's CPU by group of threads, per unit of work, heaviest first.
   *
   * @param units e.g. chunk frames relayed
   * @return e.g. {@code vert.x-eventloop-thread- 9.1 µs, ForkJoinPool- 6.0 µs, ...}
   */
  String threadsPer(long units) {
    List<Map.Entry<String, Object>> groups = new ArrayList<>();
    threads.forEach(groups::add);
    groups.sort((a, b) -> Long.compare((Long) b.getValue(), (Long) a.getValue()));
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Object> group : groups) {
      double micros = (Long) group.getValue() / 1e3 / Math.max(1, units);
      if (micros >= 0.1) {
        out.add(String.format(Locale.ROOT, "%s %.1f µs", group.getKey(), micros));
      }
    }
    return String.join(", ", out);
  }

  private static long loadCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
