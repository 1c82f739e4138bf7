package dev.agentbus.impl.storage;

import io.vertx.core.VertxException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs SQLite work that may wait on the disk (creating, opening, checkpointing, closing files) on a
 * small pool of platform threads. sqlite-jdbc calls into native code, which pins a virtual thread
 * to its carrier for the whole call, and an fsync can take milliseconds; with two carriers that
 * would stall every agent. An agent's virtual thread hands such work to this pool and parks, so its
 * carrier stays free. See docs/design.md.
 */
public final class SqliteExecutor implements AutoCloseable {

  private final ExecutorService pool;

  /**
   * @param threads the number of platform threads
   */
  public SqliteExecutor(int threads) {
    AtomicInteger counter = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "agentbus-sqlite-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs work on the pool and waits for it. The waiting thread (normally an agent's virtual thread)
   * parks without releasing its Vert.x context, so no other message of the instance runs meanwhile.
   * Called on a platform thread, or after {@link #close}, the work runs in place.
   *
   * @param work the SQLite work
   * @param <T> its result type
   * @return its result
   * @throws VertxException wrapping a checked exception of the work; runtime exceptions as thrown
   */
  public <T> T call(Supplier<T> work) {
    if (!Thread.currentThread().isVirtual() || pool.isShutdown()) {
      return work.get();
    }
    try {
      return CompletableFuture.supplyAsync(work, pool).join();
    } catch (RejectedExecutionException e) {
      return work.get();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new VertxException(cause);
    }
  }

  /** Stops the pool after the work already handed to it. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
