package dev.agentbus.bench.gateway;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One measured run of a scenario against one server: the load client's figures plus the server's
 * CPU time over the run (and, for {@code idle-10k}, its heap), or why the run failed.
 *
 * @param scenario the scenario's name
 * @param server {@code ceiling} or {@code AgentBus}
 * @param round 1 or 2
 * @param figures the client's result with {@code serverCpuNanos} (and {@code heapUsed}, {@code
 *     heapBefore}, {@code rss}) added; {@code null} if the run failed
 * @param failure why the run failed, or {@code null}
 */
public record RunResult(
    String scenario, String server, int round, JsonObject figures, String failure) {

  /** Whether the run completed. */
  public boolean ok() {
    return figures != null;
  }

  /** A figure of the run, e.g. {@code rate}; {@code NaN} if absent or failed. */
  public double value(String field) {
    if (figures == null || !(figures.getValue(field) instanceof Number n)) {
      return Double.NaN;
    }
    return n.doubleValue();
  }

  /** Operations in the measured window. */
  public long ops() {
    return figures == null ? 0 : figures.getLong("ops", 0L);
  }

  /** The server's CPU time per operation in microseconds (setup and teardown included). */
  public double serverMicrosPerOp() {
    return value("serverCpuNanos") / 1e3 / Math.max(1, ops());
  }

  /** The client's CPU time per operation in microseconds (measured window only). */
  public double clientMicrosPerOp() {
    return value("clientCpuNanos") / 1e3 / Math.max(1, ops());
  }

  /** The client process's CPU time over the window, as a share of one core. */
  public double clientCoreShare() {
    return value("clientCpuNanos") / (value("seconds") * 1e9);
  }

  /** The client event-loop thread's CPU time over the window, as a share of one core. */
  public double loopCoreShare() {
    return value("loopCpuNanos") / (value("seconds") * 1e9);
  }

  /** Whether the client's event loop was (nearly) saturated: the client was the bottleneck. */
  public boolean clientSaturated() {
    return loopCoreShare() >= 0.9;
  }

  /** The client's CPU, e.g. {@code 97% of a core (loop 93%), 4.1 µs/op}. */
  public String clientCpu() {
    if (!ok()) {
      return "—";
    }
    return String.format(
        Locale.ROOT,
        "%.0f%% (loop %.0f%%%s), %.1f µs/op",
        100 * clientCoreShare(),
        100 * loopCoreShare(),
        clientSaturated() ? ", saturated" : "",
        clientMicrosPerOp());
  }

  /**
   * The server's busiest thread groups, e.g. {@code ; server threads µs/op: vert.x-eventloo 16.1}.
   */
  private String serverThreads() {
    JsonObject threads = figures.getJsonObject("serverThreads");
    if (threads == null || threads.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("; server threads µs/op:");
    threads.stream()
        .sorted((a, b) -> Long.compare((Long) b.getValue(), (Long) a.getValue()))
        .limit(5)
        .forEach(
            group ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        " %s %.1f,",
                        group.getKey().trim(),
                        ((Long) group.getValue()) / 1e3 / Math.max(1, ops()))));
    out.setLength(out.length() - 1);
    return out.toString();
  }

  /** One line for the list of runs. */
  public String describe() {
    String head = String.format(Locale.ROOT, "%-11s %-8s run %d: ", scenario, server, round);
    if (!ok()) {
      return head + "FAILED: " + failure;
    }
    StringBuilder line =
        new StringBuilder(head)
            .append(
                String.format(
                    Locale.ROOT,
                    "%,.0f %s over %.2f s (JIT settled in %.1f s)",
                    value("rate"),
                    figures.getString("unit"),
                    value("seconds"),
                    value("settleSeconds")));
    if (figures.containsKey("p50Ms")) {
      line.append(
          String.format(Locale.ROOT, ", p50 %.3f ms, p99 %.3f ms", value("p50Ms"), value("p99Ms")));
    }
    if (figures.containsKey("heapUsed")) {
      line.append(
          String.format(
              Locale.ROOT,
              ", heap after GC %.1f MB (%.1f MB before the sockets, %,.0f bytes/socket), RSS %.0f"
                  + " MB",
              value("heapUsed") / 1e6,
              value("heapBefore") / 1e6,
              (value("heapUsed") - value("heapBefore")) / Math.max(1, ops()),
              value("rss") / 1e6));
    }
    line.append(
        String.format(
            Locale.ROOT,
            "; server CPU %.1f µs/op; client CPU %s",
            serverMicrosPerOp(),
            clientCpu()));
    line.append(serverThreads());
    int errors = figures.getInteger("errors", 0);
    if (errors > 0) {
      line.append("; ")
          .append(errors)
          .append(" ERRORS, first: ")
          .append(figures.getString("firstError"));
    }
    return line.toString();
  }
}
