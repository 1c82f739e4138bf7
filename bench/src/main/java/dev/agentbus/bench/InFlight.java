package dev.agentbus.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.IntFunction;

/**
 * Runs a number of asynchronous operations keeping a fixed number outstanding: it starts {@code
 * concurrency} of them from one Vert.x event-loop context, and each completion starts the next, so
 * the caller side costs no thread hand-off. Records each operation's latency.
 */
public final class InFlight {

  private final Context context;
  private final int total;
  private final int concurrency;
  private final IntFunction<Future<?>> operation;
  private final Promise<Latencies> done = Promise.promise();
  private final long[] latencies;
  private int started;
  private int completed;
  private long startNanos;

  private InFlight(Context context, int total, int concurrency, IntFunction<Future<?>> operation) {
    this.context = context;
    this.total = total;
    this.concurrency = concurrency;
    this.operation = operation;
    this.latencies = new long[total];
  }

  /**
   * Runs {@code total} operations, {@code concurrency} at a time, and waits for the last.
   *
   * @param vertx the Vert.x instance; the operations start on an event-loop context of it
   * @param total how many operations
   * @param concurrency how many are outstanding at any time (1: one after the other)
   * @param operation starts operation number {@code i} (0 to total - 1)
   * @return their latencies and the rate
   * @throws RuntimeException the first failure of an operation
   */
  public static Latencies run(
      Vertx vertx, int total, int concurrency, IntFunction<Future<?>> operation) {
    Context context = vertx.getOrCreateContext();
    InFlight run = new InFlight(context, total, concurrency, operation);
    context.runOnContext(ignored -> run.start());
    return run.done.future().await();
  }

  private void start() {
    startNanos = System.nanoTime();
    if (total == 0) {
      done.complete(new Latencies(latencies, 0));
      return;
    }
    for (int i = 0; i < Math.min(concurrency, total); i++) {
      startNext();
    }
  }

  private void startNext() {
    int index = started++;
    long begin = System.nanoTime();
    Future<?> future;
    try {
      future = operation.apply(index);
    } catch (RuntimeException e) {
      done.tryFail(e);
      return;
    }
    future.onComplete(
        result -> {
          long end = System.nanoTime();
          if (Vertx.currentContext() == context) {
            completed(index, end - begin, result);
          } else {
            context.runOnContext(ignored -> completed(index, end - begin, result));
          }
        });
  }

  private void completed(int index, long nanos, AsyncResult<?> result) {
    if (result.failed()) {
      done.tryFail(
          new IllegalStateException(
              "Operation " + index + " failed: " + result.cause(), result.cause()));
      return;
    }
    latencies[index] = nanos;
    completed++;
    if (started < total) {
      startNext();
    } else if (completed == total) {
      done.tryComplete(new Latencies(latencies, System.nanoTime() - startNanos));
    }
  }
}
