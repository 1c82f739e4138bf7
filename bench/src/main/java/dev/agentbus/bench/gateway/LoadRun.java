package dev.agentbus.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

/**
 * One run of a load scenario on the client's event loop: its result promise, a watchdog that fails
 * the run if it stalls, and the count of protocol errors (the first one is kept for the report).
 */
abstract class LoadRun {

  /** The server and the clients. */
  protected final Endpoint endpoint;

  /** The measured window. */
  protected final Meter meter = new Meter();

  private final Promise<JsonObject> result = Promise.promise();
  private final long timeoutMs;
  private long watchdog = -1;
  private int errors;
  private String firstError;

  /**
   * @param endpoint the server and the clients
   * @param timeoutMs how long the run may take, connections included
   */
  protected LoadRun(Endpoint endpoint, long timeoutMs) {
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }

  /** Starts the run; call on the client's event loop. */
  final Future<JsonObject> start() {
    watchdog =
        endpoint.vertx().setTimer(timeoutMs, id -> fail("timed out after " + timeoutMs + " ms"));
    try {
      begin();
    } catch (RuntimeException e) {
      fail("failed to start: " + e);
    }
    return result.future();
  }

  /** Opens what the run needs and starts the load. */
  protected abstract void begin();

  /** Where the run stands, for a timeout message: e.g. {@code 123 of 20000 calls answered}. */
  protected abstract String progress();

  /** Counts a protocol error. */
  protected final void error(String what) {
    errors++;
    if (firstError == null) {
      firstError = what;
    }
  }

  /** Ends the run with its result, adding the error count. */
  protected final void finish(JsonObject figures) {
    endpoint.vertx().cancelTimer(watchdog);
    figures.put("errors", errors);
    if (firstError != null) {
      figures.put("firstError", firstError);
    }
    result.tryComplete(figures);
  }

  /** Ends the run with a failure. */
  protected final void fail(String why) {
    endpoint.vertx().cancelTimer(watchdog);
    String detail = why + " (" + progress() + ")";
    if (firstError != null) {
      detail += "; first error: " + firstError;
    }
    result.tryFail(detail);
  }

  /** Whether the run has ended. */
  protected final boolean ended() {
    return result.future().isComplete();
  }
}
