package dev.agentbus.bench.gateway;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The measured window of a load run, started and stopped on the client's event loop: wall-clock
 * time, the client process's CPU time (every thread) and the event-loop thread's own CPU time,
 * which tells whether the client itself was the bottleneck.
 */
final class Meter {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long startNanos;
  private long startCpu;
  private long startLoopCpu;
  private long nanos;
  private long cpu;
  private long loopCpu;

  /** Starts the window; call on the event loop. */
  void start() {
    startNanos = System.nanoTime();
    startCpu = ServerMain.processCpuNanos();
    startLoopCpu = THREADS.getCurrentThreadCpuTime();
  }

  /** Ends the window; call on the event loop. */
  void stop() {
    nanos = System.nanoTime() - startNanos;
    cpu = ServerMain.processCpuNanos() - startCpu;
    loopCpu = THREADS.getCurrentThreadCpuTime() - startLoopCpu;
  }

  /** The window's length in nanoseconds (up to now if it is not stopped yet). */
  long nanos() {
    return nanos > 0 ? nanos : System.nanoTime() - startNanos;
  }

  /**
   * The result of a run.
   *
   * @param scenario the scenario's name
   * @param ops the operations completed in the window
   * @param unit the unit of the rate, e.g. {@code calls/s}
   * @return {@code scenario, ops, seconds, rate, unit, clientCpuNanos, loopCpuNanos}
   */
  JsonObject result(String scenario, long ops, String unit) {
    double seconds = nanos() / 1e9;
    return new JsonObject()
        .put("scenario", scenario)
        .put("ops", ops)
        .put("seconds", seconds)
        .put("rate", ops / seconds)
        .put("unit", unit)
        .put("clientCpuNanos", cpu)
        .put("loopCpuNanos", loopCpu);
  }
}
