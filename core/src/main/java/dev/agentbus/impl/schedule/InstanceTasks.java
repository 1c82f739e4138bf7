package dev.agentbus.impl.schedule;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.FailedTask;
import dev.agentbus.QueuedTask;
import dev.agentbus.Schedule;
import dev.agentbus.ScheduleCriteria;
import dev.agentbus.ScheduleOptions;
import dev.agentbus.ScheduleType;
import dev.agentbus.impl.instance.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The schedules and queued tasks of one live instance: the agent's API on them, and their runs when
 * the node's scheduler says they are due. Every method runs on the instance's context. Each due
 * schedule runs in a task of its own (so one that waits does not hold up the others) and never
 * twice at once; queued tasks run one after the other, oldest first. A run counts as a message in
 * progress, so the instance does not hibernate under it.
 */
public final class InstanceTasks {

  private static final System.Logger LOG = System.getLogger(InstanceTasks.class.getName());
  private static final int DUE_BATCH = 1_000;
  private static final long MAX_RETRY_DELAY_MS = 3_600_000;

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

  /**
   * @param scheduler the node's scheduler
   * @param options the runtime's options (retries, timeouts, payload limit)
   * @param key the instance
   * @param agent the agent object
   * @param context the instance's context
   * @param host the instance's database and turns
   */
  public InstanceTasks(
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

  private long now() {
    return scheduler.clock().millis();
  }

  /** A one-shot schedule a number of seconds from now. */
  public Schedule scheduleDelayed(
      long seconds, String callback, Object payload, ScheduleOptions opts) {
    if (seconds < 0) {
      throw new IllegalArgumentException("A delay must not be negative, got " + seconds + " s");
    }
    long time = plusSeconds(now(), seconds);
    return insert(ScheduleType.DELAYED, time, seconds, null, null, callback, payload, opts);
  }

  /** A one-shot schedule at an instant (an instant in the past runs at once). */
  public Schedule scheduleAt(Instant at, String callback, Object payload, ScheduleOptions opts) {
    if (at == null) {
      throw new IllegalArgumentException("The time of a schedule must not be null");
    }
    return insert(
        ScheduleType.SCHEDULED, at.toEpochMilli(), null, null, null, callback, payload, opts);
  }

  /** A schedule at every occurrence of a cron expression. */
  public Schedule scheduleCron(String cron, String callback, Object payload, ScheduleOptions opts) {
    String expression = cron == null ? null : cron.trim();
    Instant next =
        CronTimes.next(expression, Instant.ofEpochMilli(now()), scheduler.clock())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cron expression '" + expression + "' has no future occurrence"));
    return insert(
        ScheduleType.CRON, next.toEpochMilli(), null, expression, null, callback, payload, opts);
  }

  /** A schedule every so many seconds, the first run one interval from now. */
  public Schedule scheduleEvery(
      long seconds, String callback, Object payload, ScheduleOptions opts) {
    if (seconds < 1) {
      throw new IllegalArgumentException("An interval must be at least 1 s, got " + seconds);
    }
    long time = plusSeconds(now(), seconds);
    return insert(ScheduleType.INTERVAL, time, null, null, seconds, callback, payload, opts);
  }

  private static long plusSeconds(long now, long seconds) {
    try {
      return Math.addExact(now, Math.multiplyExact(seconds, 1_000L));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("A delay of " + seconds + " s is out of range");
    }
  }

  private Schedule insert(
      ScheduleType type,
      long time,
      Long delay,
      String cron,
      Long interval,
      String callback,
      Object payload,
      ScheduleOptions opts) {
    ScheduleOptions given = opts == null ? new ScheduleOptions() : opts;
    TaskCallback target = TaskCallback.find(agent.getClass(), callback, Schedule.class);
    Object json = TaskTables.json(payload);
    String text = TaskTables.encode(json, options.getMaxTaskPayloadBytes());
    target.checkPayload(json);
    InstanceDatabase db = writable();
    boolean idempotent =
        given.getIdempotent() != null
            ? given.getIdempotent()
            : type == ScheduleType.CRON || type == ScheduleType.INTERVAL;
    if (idempotent) {
      List<JsonObject> same =
          db.query(
              "SELECT * FROM "
                  + TaskTables.SCHEDULES
                  + " WHERE type = ? AND callback = ? AND payload = ? AND cron IS ?"
                  + " AND interval_seconds IS ? ORDER BY created LIMIT 1",
              type.jsonName(),
              callback,
              text,
              cron,
              interval);
      if (!same.isEmpty()) {
        return TaskTables.schedule(same.get(0));
      }
    }
    String id = UUID.randomUUID().toString();
    db.query(
        "INSERT INTO "
            + TaskTables.SCHEDULES
            + " (id, callback, payload, type, time, delay_seconds, cron, interval_seconds,"
            + " max_attempts, retry_delay_ms, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        callback,
        text,
        type.jsonName(),
        time,
        delay,
        cron,
        interval,
        given.getMaxAttempts(),
        given.getRetryDelayMs(),
        now());
    host.wrote(db);
    report();
    return new Schedule(
        id, callback, json, type, Instant.ofEpochMilli(time), delay, cron, interval);
  }

  /** The schedule with an id, or {@code null}. */
  public Schedule getSchedule(String id) {
    List<Schedule> found = getSchedules(new ScheduleCriteria().setId(id));
    return found.isEmpty() ? null : found.get(0);
  }

  /** The schedules that match, soonest first. */
  public List<Schedule> getSchedules(ScheduleCriteria criteria) {
    InstanceDatabase db = readable();
    if (db == null) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder("SELECT * FROM " + TaskTables.SCHEDULES + " WHERE 1");
    List<Object> params = new ArrayList<>();
    if (criteria.getId() != null) {
      sql.append(" AND id = ?");
      params.add(criteria.getId());
    }
    if (criteria.getType() != null) {
      sql.append(" AND type = ?");
      params.add(criteria.getType().jsonName());
    }
    if (criteria.getFrom() != null) {
      sql.append(" AND time >= ?");
      params.add(criteria.getFrom().toEpochMilli());
    }
    if (criteria.getTo() != null) {
      sql.append(" AND time <= ?");
      params.add(criteria.getTo().toEpochMilli());
    }
    sql.append(" ORDER BY time, created");
    List<Schedule> out = new ArrayList<>();
    for (JsonObject row : db.query(sql.toString(), params.toArray())) {
      out.add(TaskTables.schedule(row));
    }
    return out;
  }

  /** Cancels a schedule; a run in progress finishes, and is the last. */
  public boolean cancelSchedule(String id) {
    InstanceDatabase db = readable();
    if (db == null || id == null) {
      return false;
    }
    boolean existed =
        !db.query("DELETE FROM " + TaskTables.SCHEDULES + " WHERE id = ? RETURNING id", id)
            .isEmpty();
    if (existed) {
      host.wrote(db);
      report();
    }
    return existed;
  }

  /** Queues a task to run soon, after those queued before it. */
  public String queue(String callback, Object payload) {
    TaskCallback target = TaskCallback.find(agent.getClass(), callback, QueuedTask.class);
    Object json = TaskTables.json(payload);
    String text = TaskTables.encode(json, options.getMaxTaskPayloadBytes());
    target.checkPayload(json);
    InstanceDatabase db = writable();
    String id = UUID.randomUUID().toString();
    long now = now();
    db.query(
        "INSERT INTO "
            + TaskTables.QUEUE
            + " (id, callback, payload, time, created) VALUES (?, ?, ?, ?, ?)",
        id,
        callback,
        text,
        now,
        now);
    host.wrote(db);
    report();
    return id;
  }

  /** Removes a queued task; true if it was queued. */
  public boolean dequeue(String id) {
    InstanceDatabase db = readable();
    if (db == null || id == null) {
      return false;
    }
    boolean existed =
        !db.query("DELETE FROM " + TaskTables.QUEUE + " WHERE id = ? RETURNING id", id).isEmpty();
    if (existed) {
      host.wrote(db);
      report();
    }
    return existed;
  }

  /** Removes every queued task; returns how many there were. */
  public int dequeueAll() {
    InstanceDatabase db = readable();
    if (db == null) {
      return 0;
    }
    int removed = db.query("DELETE FROM " + TaskTables.QUEUE + " RETURNING id").size();
    if (removed > 0) {
      host.wrote(db);
      report();
    }
    return removed;
  }

  /** The queued task with an id, or {@code null}. */
  public QueuedTask getQueue(String id) {
    InstanceDatabase db = readable();
    if (db == null) {
      return null;
    }
    List<JsonObject> rows = db.query("SELECT * FROM " + TaskTables.QUEUE + " WHERE id = ?", id);
    return rows.isEmpty() ? null : TaskTables.queued(rows.get(0));
  }

  /** The queued tasks, in the order they run. */
  public List<QueuedTask> getQueued() {
    InstanceDatabase db = readable();
    if (db == null) {
      return List.of();
    }
    List<QueuedTask> out = new ArrayList<>();
    for (JsonObject row : db.query("SELECT * FROM " + TaskTables.QUEUE + " ORDER BY seq")) {
      out.add(TaskTables.queued(row));
    }
    return out;
  }

  /** The runs that failed on every attempt, oldest first. */
  public List<FailedTask> failedTasks() {
    InstanceDatabase db = readable();
    if (db == null) {
      return List.of();
    }
    List<FailedTask> out = new ArrayList<>();
    for (JsonObject row : db.query("SELECT * FROM " + TaskTables.FAILED + " ORDER BY seq")) {
      out.add(TaskTables.failed(row));
    }
    return out;
  }

  /**
   * Starts the runs that are due: called in the turn of the scheduler's due message. Returns once
   * they are started; each reports to the scheduler when it ends.
   */
  public void fire() {
    long now = now();
    InstanceDatabase db = readable();
    if (db != null) {
      List<JsonObject> due =
          db.query(
              "SELECT * FROM " + TaskTables.SCHEDULES + " WHERE time <= ? ORDER BY time LIMIT ?",
              now,
              DUE_BATCH);
      for (JsonObject row : due) {
        String id = row.getString("id");
        if (running.contains(id)) {
          continue; // still running (or hung, until its timeout): never started twice
        }
        if (!host.enterTurn()) {
          break; // retiring: the next incarnation runs it
        }
        running.add(id);
        scheduler.runStarted();
        context.runOnContext(ignored -> runSchedule(row));
      }
      if (!draining
          && !db.query("SELECT 1 FROM " + TaskTables.QUEUE + " WHERE time <= ? LIMIT 1", now)
              .isEmpty()
          && host.enterTurn()) {
        draining = true;
        scheduler.runStarted();
        context.runOnContext(ignored -> drain());
      }
    }
    report();
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
      endRun();
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
      endRun();
    }
  }

  private void endRun() {
    try {
      report();
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

  /** Tells the scheduler when to wake the instance next, and what the durable index must hold. */
  private void report() {
    long due = NodeScheduler.NONE;
    long durable = NodeScheduler.NONE;
    InstanceDatabase db = readable();
    if (db != null) {
      List<JsonObject> soonest =
          db.query(
              "SELECT id, time FROM " + TaskTables.SCHEDULES + " ORDER BY time LIMIT ?",
              running.size() + 1);
      for (JsonObject row : soonest) {
        long time = row.getLong("time");
        durable = Math.min(durable, time);
        if (!running.contains(row.getString("id"))) {
          due = Math.min(due, time); // a running schedule reports when it ends
          break;
        }
      }
      Long queued =
          db.query("SELECT min(time) AS time FROM " + TaskTables.QUEUE).get(0).getLong("time");
      if (queued != null) {
        durable = Math.min(durable, queued);
        if (!draining) {
          due = Math.min(due, queued); // the drain reports when it ends
        }
      }
    }
    scheduler.update(key, due, durable);
  }

  private InstanceDatabase readable() {
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

  private InstanceDatabase writable() {
    InstanceDatabase db = host.database(true);
    if (!tablesChecked || !tables) {
      if (!TaskTables.exist(db)) {
        TaskTables.create(db);
      }
      tables = true;
      tablesChecked = true;
    }
    return db;
  }
}
