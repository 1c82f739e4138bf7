package dev.agentbus.impl.schedule;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt at a task (a schedule's or a queued one's run) and what its outcome leaves in the
 * tables: the callback runs as a task of its own on the instance's context, bounded by {@code
 * scheduleRunTimeoutMs}; a failure is retried with doubling backoff, then recorded as failed.
 */
final class TaskAttempts {

  private static final System.Logger LOG = System.getLogger(TaskAttempts.class.getName());
  private static final long MAX_RETRY_DELAY_MS = 3_600_000;

  private final AgentBusOptions options;
  private final InstanceKey key;
  private final Object agent;
  private final Context context;

  TaskAttempts(AgentBusOptions options, InstanceKey key, Object agent, Context context) {
    this.options = options;
    this.key = key;
    this.agent = agent;
    this.context = context;
  }

  /** The attempts a schedule's row allows (its own, else the runtime's). */
  int maxAttempts(JsonObject row) {
    Integer own = row.getInteger("max_attempts");
    return own != null ? own : options.getScheduleMaxAttempts();
  }

  /** Sets a failed task's next attempt, after a backoff that doubles with each attempt. */
  void retry(
      InstanceDatabase db,
      String table,
      String column,
      Object id,
      JsonObject row,
      int attempts,
      Throwable failure,
      long now) {
    Long own = row.getLong("retry_delay_ms");
    long base = own != null ? own : options.getScheduleRetryDelayMs();
    long delay = Math.min(MAX_RETRY_DELAY_MS, base << Math.min(attempts - 1, 20));
    LOG.log(
        Level.DEBUG,
        "Task "
            + row.getString("callback")
            + " failed (attempt "
            + attempts
            + "), retry in "
            + delay
            + " ms: "
            + failure);
    db.query(
        "UPDATE " + table + " SET attempts = ?, time = ? WHERE " + column + " = ?",
        attempts,
        now + delay,
        id);
  }

  /** Records a task that failed on its last attempt. */
  void failed(
      InstanceDatabase db,
      String id,
      String kind,
      JsonObject row,
      Throwable failure,
      int attempts,
      long now) {
    String error = failure.getMessage() != null ? failure.getMessage() : failure.toString();
    LOG.log(
        Level.WARNING,
        "Task "
            + row.getString("callback")
            + " of a "
            + key.agent()
            + " instance failed "
            + attempts
            + " time(s); recorded as failed: "
            + error);
    TaskTables.recordFailure(db, id, kind, row, error, attempts, now);
  }

  /**
   * Runs a callback as a task of its own and waits for it, at most {@code scheduleRunTimeoutMs}. A
   * callback still running then is abandoned (it cannot be stopped) and the run counts as failed.
   *
   * @return the failure, or {@code null} if it succeeded
   */
  Throwable call(String callback, Object payload, Object task) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        ignored -> {
          try {
            Object returned =
                TaskCallback.find(agent.getClass(), callback, task.getClass())
                    .invoke(agent, payload, task);
            if (returned instanceof Future<?> future) {
              future.onComplete((value, failure) -> settle(done, failure));
            } else if (returned instanceof CompletionStage<?> stage) {
              stage.whenComplete((value, failure) -> settle(done, failure));
            } else {
              done.tryComplete();
            }
          } catch (Throwable e) {
            done.tryFail(e);
          }
        });
    long timeout = options.getScheduleRunTimeoutMs();
    try {
      done.future().await(timeout, TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      return new TimeoutException(
          callback + " did not end within " + timeout + " ms (scheduleRunTimeoutMs)");
    } catch (Throwable e) {
      return e;
    }
  }

  private static void settle(Promise<Void> done, Throwable failure) {
    if (failure == null) {
      done.tryComplete();
    } else {
      done.tryFail(failure);
    }
  }
}
