package dev.agentbus.impl.schedule;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.Schedule;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.Context;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final NodeScheduler scheduler;
  private final InstanceKey key;
  private final Context context;
  private final TaskHost host;
  private final TaskAttempts tries;
  private final QueueDrain queue;
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
    this.key = key;
    this.context = context;
    this.host = host;
    this.tries = new TaskAttempts(options, key, agent, context);
    this.queue = new QueueDrain(options, key, host, tries, this::now);
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
      Throwable failure = tries.call(schedule.callback(), schedule.payload(), schedule);
      InstanceDatabase db = host.database(false);
      if (db == null) {
        return; // destroyed meanwhile
      }
      long now = now();
      int attempts = row.getInteger("attempts") + 1;
      if (failure != null && attempts < tries.maxAttempts(row)) {
        tries.retry(db, TaskTables.SCHEDULES, "id", id, row, attempts, failure, now);
      } else {
        if (failure != null) {
          tries.failed(db, id, "schedule", row, failure, attempts, now);
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
      queue.run();
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
    // The turn ends before the scheduler hears of it: whoever waits for the runs to end
    // (fireDueSchedules) then finds the instance idle.
    host.leaveTurn();
    scheduler.runEnded();
  }
}
