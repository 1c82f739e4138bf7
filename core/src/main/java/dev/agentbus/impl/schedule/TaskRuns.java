package dev.agentbus.impl.schedule;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.QueuedTask;
import dev.agentbus.Schedule;
import dev.agentbus.impl.instance.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an instance's due tasks and tells the node's scheduler when the instance is due next. Each
 * due schedule runs in a task of its own on the instance's context (so one that waits does not hold
 * up the others) and never twice at once; queued tasks run one after the other, oldest first. A run
 * counts as a message in progress, so the instance does not hibernate under it.
 *
 * <p>What was last reported is remembered, so that adding a schedule or a queued task reports
 * without reading the tables again.
 */
final class TaskRuns {

  private static final System.Logger LOG = System.getLogger(TaskRuns.class.getName());
  private static final int DUE_BATCH = 1_000;
  private static final long MAX_RETRY_DELAY_MS = 3_600_000;
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final NodeScheduler scheduler;
  private final AgentBusOptions options;
  private final InstanceKey key;
  private final Object agent;
  private final Context context;
  private final TaskHost host;
  private final Set<String> running = new HashSet<>();
  private boolean draining;
  private boolean tablesChecked;
  private boolean tables;
  private long due = UNKNOWN;
  private long durable = UNKNOWN;
  private long queueMin = UNKNOWN;

  TaskRuns(
      NodeScheduler scheduler,
      AgentBusOptions options,
      InstanceKey key,
      Object agent,
      Context context,
      TaskHost host) {
    this.scheduler = scheduler;
    this.options = options;
    this.key = key;
    this.agent = agent;
    this.context = context;
    this.host = host;
  }

  long now() {
    return scheduler.clock().millis();
  }

  java.time.Clock clock() {
    return scheduler.clock();
  }

  /** The database if it has the task tables, else {@code null}. */
  InstanceDatabase readable() {
    InstanceDatabase db = host.database(false);
    if (db == null) {
      return null;
    }
    if (!tablesChecked) {
      tables = TaskTables.exist(db);
      tablesChecked = true;
    }
    return tables ? db : null;
  }

  /** The database, created with the task tables if needed. */
  InstanceDatabase writable() {
    InstanceDatabase db = host.database(true);
    if (!tables) {
      if (!TaskTables.exist(db)) {
        TaskTables.create(db);
      }
      tables = true;
      tablesChecked = true;
    }
    return db;
  }

  void wrote(InstanceDatabase db) {
    host.wrote(db);
  }

  /** A schedule was added, to run at {@code time}. */
  void scheduled(long time) {
    if (due == UNKNOWN) {
      report(false);
      return;
    }
    due = Math.min(due, time);
    durable = Math.min(durable, time);
    scheduler.update(key, due, durable);
  }

  /** A task was queued, to run at {@code time}. */
  void queued(long time) {
    if (due == UNKNOWN || queueMin == UNKNOWN) {
      report(true);
      return;
    }
    queueMin = Math.min(queueMin, time);
    if (!draining) {
      due = Math.min(due, time); // a running drain reports when it ends
    }
    durable = Math.min(durable, time);
    scheduler.update(key, due, durable);
  }

  /**
   * Reads the soonest times and tells the scheduler: when to wake the instance ({@code due}, which
   * leaves out what is running: a run reports when it ends) and what the durable index must hold
   * ({@code durable}, everything included).
   *
   * @param queueChanged whether the queue may have changed since it was last read
   */
  void report(boolean queueChanged) {
    long nextDue = NodeScheduler.NONE;
    long nextDurable = NodeScheduler.NONE;
    InstanceDatabase db = readable();
    if (db == null) {
      queueMin = NodeScheduler.NONE;
    } else {
      List<JsonObject> soonest =
          db.query(
              "SELECT id, time FROM " + TaskTables.SCHEDULES + " ORDER BY time LIMIT ?",
              running.size() + 1);
      for (JsonObject row : soonest) {
        long time = row.getLong("time");
        nextDurable = Math.min(nextDurable, time);
        if (!running.contains(row.getString("id"))) {
          nextDue = Math.min(nextDue, time);
          break;
        }
      }
      if (queueChanged || queueMin == UNKNOWN) {
        readQueueMin(db);
      }
    }
    publish(nextDue, nextDurable);
  }

  /** Folds the queue's soonest time into the schedules' and tells the scheduler. */
  private void publish(long nextDue, long nextDurable) {
    if (queueMin != NodeScheduler.NONE) {
      nextDurable = Math.min(nextDurable, queueMin);
      if (!draining) {
        nextDue = Math.min(nextDue, queueMin);
      }
    }
    due = nextDue;
    durable = nextDurable;
    scheduler.update(key, due, durable);
  }

  private void readQueueMin(InstanceDatabase db) {
    Long min = db.query("SELECT min(time) AS time FROM " + TaskTables.QUEUE).get(0).getLong("time");
    queueMin = min == null ? NodeScheduler.NONE : min;
  }

  /**
   * Starts the runs that are due: called in the turn of the scheduler's due message. Returns once
   * they are started; each reports to the scheduler when it ends.
   */
  void fire() {
    long now = now();
    InstanceDatabase db = readable();
    if (db == null) {
      report(false);
      return;
    }
    // One read serves both: the due schedules to start, and the first one after them (the next
    // time to report). More rows are read only if every row read was due.
    int limit = running.size() + 2;
    List<JsonObject> rows;
    while (true) {
      rows = db.query("SELECT * FROM " + TaskTables.SCHEDULES + " ORDER BY time LIMIT ?", limit);
      if (rows.size() < limit
          || rows.get(rows.size() - 1).getLong("time") > now
          || limit >= DUE_BATCH) {
        break;
      }
      limit = Math.min(DUE_BATCH, limit * 4);
    }
    long nextDue = NodeScheduler.NONE;
    long nextDurable = NodeScheduler.NONE;
    boolean retiring = false;
    for (JsonObject row : rows) {
      String id = row.getString("id");
      long time = row.getLong("time");
      nextDurable = Math.min(nextDurable, time);
      if (running.contains(id)) {
        continue; // still running (or hung, until its timeout): never started twice
      }
      if (time > now || retiring || !host.enterTurn()) {
        retiring |= time <= now; // retiring: the next incarnation runs it
        nextDue = Math.min(nextDue, time);
        break;
      }
      running.add(id);
      scheduler.runStarted();
      context.runOnContext(ignored -> runSchedule(row));
    }
    if (rows.size() == limit && nextDue == NodeScheduler.NONE) {
      nextDue = now; // a full batch was started: come back for the rest
    }
    if (queueMin == UNKNOWN) {
      readQueueMin(db);
    }
    if (!draining && queueMin <= now && host.enterTurn()) {
      draining = true;
      scheduler.runStarted();
      context.runOnContext(ignored -> drain());
    }
    publish(nextDue, nextDurable);
  }

  private void runSchedule(JsonObject row) {
    String id = row.getString("id");
    try {
      Schedule schedule = TaskTables.schedule(row);
      Throwable failure = call(schedule.callback(), schedule.payload(), schedule);
      InstanceDatabase db = host.database(false);
      if (db == null) {
        return; // destroyed meanwhile
      }
      long now = now();
      int attempts = row.getInteger("attempts") + 1;
      if (failure != null && attempts < maxAttempts(row)) {
        retry(db, TaskTables.SCHEDULES, "id", id, row, attempts, failure, now);
      } else {
        if (failure != null) {
          failed(db, id, "schedule", row, failure, attempts, now);
        }
        advance(db, schedule, now);
      }
      host.wrote(db);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "Schedule " + id + " of " + key.agent() + " could not be updated", e);
    } finally {
      running.remove(id);
      endRun(false);
    }
  }

  private void advance(InstanceDatabase db, Schedule schedule, long now) {
    Long next =
        switch (schedule.type()) {
          case SCHEDULED, DELAYED -> null;
          case INTERVAL -> now + schedule.intervalSeconds() * 1_000L;
          case CRON ->
              CronTimes.next(schedule.cron(), Instant.ofEpochMilli(now), scheduler.clock())
                  .map(Instant::toEpochMilli)
                  .orElse(null);
        };
    if (next == null) {
      db.query("DELETE FROM " + TaskTables.SCHEDULES + " WHERE id = ?", schedule.id());
    } else {
      db.query(
          "UPDATE " + TaskTables.SCHEDULES + " SET time = ?, attempts = 0 WHERE id = ?",
          next,
          schedule.id());
    }
  }

  private void drain() {
    try {
      while (true) {
        InstanceDatabase db = host.database(false);
        if (db == null) {
          break;
        }
        List<JsonObject> next =
            db.query(
                "SELECT * FROM " + TaskTables.QUEUE + " WHERE time <= ? ORDER BY seq LIMIT 1",
                now());
        if (next.isEmpty()) {
          break;
        }
        JsonObject row = next.get(0);
        QueuedTask task = TaskTables.queued(row);
        Throwable failure = call(task.callback(), task.payload(), task);
        db = host.database(false);
        if (db == null) {
          break;
        }
        long now = now();
        int attempts = row.getInteger("attempts") + 1;
        Object seq = row.getValue("seq");
        if (failure != null && attempts < options.getScheduleMaxAttempts()) {
          retry(db, TaskTables.QUEUE, "seq", seq, row, attempts, failure, now);
        } else {
          if (failure != null) {
            failed(db, task.id(), "queue", row, failure, attempts, now);
          }
          db.query("DELETE FROM " + TaskTables.QUEUE + " WHERE seq = ?", seq);
        }
        host.wrote(db);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "The queue of a " + key.agent() + " instance stopped", e);
    } finally {
      draining = false;
      endRun(true);
    }
  }

  private void endRun(boolean queueChanged) {
    try {
      report(queueChanged);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "Next task time of a " + key.agent() + " instance not recorded", e);
    }
    scheduler.runEnded();
    host.leaveTurn();
  }

  private int maxAttempts(JsonObject row) {
    Integer own = row.getInteger("max_attempts");
    return own != null ? own : options.getScheduleMaxAttempts();
  }

  private void retry(
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

  private void failed(
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
  private Throwable call(String callback, Object payload, Object task) {
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
