package dev.agentbus.impl.schedule;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentSchedules;
import dev.agentbus.FailedTask;
import dev.agentbus.QueuedTask;
import dev.agentbus.Schedule;
import dev.agentbus.ScheduleCriteria;
import dev.agentbus.ScheduleOptions;
import dev.agentbus.ScheduleType;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The schedules and queued tasks of one live instance: what {@code Agent} offers on them (stored in
 * the instance's database), and their runs ({@link TaskRuns}) when the node's scheduler says they
 * are due. Every method runs on the instance's context.
 */
public final class InstanceTasks implements AgentSchedules {

  private final AgentBusOptions options;
  private final Object agent;
  private final InstanceKey key;
  private final TaskRuns runs;

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
    this.options = options;
    this.agent = agent;
    this.key = key;
    this.runs = new TaskRuns(scheduler, options, key, agent, context, host);
  }

  private String agentName() {
    return key.agent();
  }

  private long now() {
    return runs.now();
  }

  /** A one-shot schedule a number of seconds from now. */
  @Override
  public Schedule scheduleDelayed(
      long seconds, String callback, Object payload, ScheduleOptions opts) {
    if (seconds < 0) {
      throw new IllegalArgumentException("A delay must not be negative, got " + seconds + " s");
    }
    long time = plusSeconds(now(), seconds);
    return insert(ScheduleType.DELAYED, time, seconds, null, null, callback, payload, opts);
  }

  /** A one-shot schedule at an instant (an instant in the past runs at once). */
  @Override
  public Schedule scheduleAt(Instant at, String callback, Object payload, ScheduleOptions opts) {
    if (at == null) {
      throw new IllegalArgumentException("The time of a schedule must not be null");
    }
    return insert(
        ScheduleType.SCHEDULED, at.toEpochMilli(), null, null, null, callback, payload, opts);
  }

  /** A schedule at every occurrence of a cron expression. */
  @Override
  public Schedule scheduleCron(String cron, String callback, Object payload, ScheduleOptions opts) {
    String expression = cron == null ? null : cron.trim();
    Instant next =
        CronTimes.next(expression, Instant.ofEpochMilli(now()), runs.clock())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cron expression '" + expression + "' has no future occurrence"));
    return insert(
        ScheduleType.CRON, next.toEpochMilli(), null, expression, null, callback, payload, opts);
  }

  /** A schedule every so many seconds, the first run one interval from now. */
  @Override
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
    InstanceDatabase db = runs.writable();
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
    runs.wrote(db);
    runs.scheduled(time);
    return new Schedule(
        id, callback, json, type, Instant.ofEpochMilli(time), delay, cron, interval);
  }

  /** The schedule with an id, or {@code null}. */
  @Override
  public Schedule getSchedule(String id) {
    List<Schedule> found = getSchedules(new ScheduleCriteria().setId(id));
    return found.isEmpty() ? null : found.get(0);
  }

  /** The schedules that match, soonest first. */
  @Override
  public List<Schedule> getSchedules(ScheduleCriteria criteria) {
    InstanceDatabase db = runs.readable();
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
  @Override
  public boolean cancelSchedule(String id) {
    InstanceDatabase db = runs.readable();
    if (db == null || id == null) {
      return false;
    }
    boolean existed =
        !db.query("DELETE FROM " + TaskTables.SCHEDULES + " WHERE id = ? RETURNING id", id)
            .isEmpty();
    if (existed) {
      runs.wrote(db);
      runs.report(false);
    }
    return existed;
  }

  /** Queues a task to run soon, after those queued before it. */
  @Override
  public String queue(String callback, Object payload) {
    TaskCallback target = TaskCallback.find(agent.getClass(), callback, QueuedTask.class);
    Object json = TaskTables.json(payload);
    String text = TaskTables.encode(json, options.getMaxTaskPayloadBytes());
    target.checkPayload(json);
    InstanceDatabase db = runs.writable();
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
    runs.wrote(db);
    runs.queued(now);
    return id;
  }

  /** Removes a queued task; true if it was queued. */
  @Override
  public boolean dequeue(String id) {
    InstanceDatabase db = runs.readable();
    if (db == null || id == null) {
      return false;
    }
    boolean existed =
        !db.query("DELETE FROM " + TaskTables.QUEUE + " WHERE id = ? RETURNING id", id).isEmpty();
    if (existed) {
      runs.wrote(db);
      runs.report(true);
    }
    return existed;
  }

  /** Removes every queued task; returns how many there were. */
  @Override
  public int dequeueAll() {
    InstanceDatabase db = runs.readable();
    if (db == null) {
      return 0;
    }
    int removed = db.query("DELETE FROM " + TaskTables.QUEUE + " RETURNING id").size();
    if (removed > 0) {
      runs.wrote(db);
      runs.report(true);
    }
    return removed;
  }

  /** The queued task with an id, or {@code null}. */
  @Override
  public QueuedTask getQueue(String id) {
    InstanceDatabase db = runs.readable();
    if (db == null) {
      return null;
    }
    List<JsonObject> rows = db.query("SELECT * FROM " + TaskTables.QUEUE + " WHERE id = ?", id);
    return rows.isEmpty() ? null : TaskTables.queued(rows.get(0));
  }

  /** The queued tasks, in the order they run. */
  @Override
  public List<QueuedTask> getQueued() {
    InstanceDatabase db = runs.readable();
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
  @Override
  public List<FailedTask> failedTasks() {
    InstanceDatabase db = runs.readable();
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
    try {
      runs.fire();
    } catch (RuntimeException e) {
      // The scheduler wakes the instance again when no report comes (callTimeoutMs).
      System.getLogger(InstanceTasks.class.getName())
          .log(System.Logger.Level.ERROR, "Due tasks of a " + agentName() + " instance not run", e);
      throw e;
    }
  }

  @Override
  public java.time.Clock clock() {
    return runs.clock();
  }
}
