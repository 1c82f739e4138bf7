package dev.agentbus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent the schedule and queue tests drive: callable methods that make schedules and queued
 * tasks, and callbacks that record each run in the instance's own table {@code runs}.
 */
public class TaskAgent extends Agent<Void> {

  /** Runs started, by instance name and callback (also counts runs that hang or throw). */
  static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();

  /** Times {@link #failTimes} still has to fail, by payload. */
  static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

  /** Runs that {@link #hangOnce} leaves hanging, by payload. */
  static final Map<String, Promise<Void>> HANGING = new ConcurrentHashMap<>();

  /** Promises that {@link #gate} waits for, by payload. */
  static final Map<String, Promise<Void>> GATES = new ConcurrentHashMap<>();

  /** Completed at the n-th start of a callback, by instance name, callback and n. */
  private static final Map<String, Promise<Void>> NTH_START = new ConcurrentHashMap<>();

  static final AtomicInteger AGENT_STARTS = new AtomicInteger();

  static void reset() {
    GATES.clear();
    STARTS.clear();
    NTH_START.clear();
    FAILURES_LEFT.clear();
    HANGING.clear();
    AGENT_STARTS.set(0);
  }

  static int starts(String name, String callback) {
    AtomicInteger n = STARTS.get(name + "/" + callback);
    return n == null ? 0 : n.get();
  }

  /**
   * @return completes when the callback of the instance has started {@code n} times
   */
  static Future<Void> started(String name, String callback, int n) {
    return nthStart(name + "/" + callback, n).future();
  }

  private static Promise<Void> nthStart(String key, int n) {
    return NTH_START.computeIfAbsent(key + "#" + n, k -> Promise.promise());
  }

  @Override
  public void onStart(JsonObject props) {
    AGENT_STARTS.incrementAndGet();
    String cron = props.getString("cron");
    if (cron != null) {
      schedule(cron, "remind", "from onStart"); // idempotent: one schedule however many wakes
    }
  }

  private void started(String callback) {
    String key = name() + "/" + callback;
    int n = STARTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    nthStart(key, n).tryComplete();
  }

  private void record(String callback, Object payload, Instant due) {
    sql(
        "CREATE TABLE IF NOT EXISTS runs (n INTEGER PRIMARY KEY, callback TEXT, payload TEXT,"
            + " due INTEGER, at INTEGER)");
    sql(
        "INSERT INTO runs (callback, payload, due, at) VALUES (?, ?, ?, ?)",
        callback,
        String.valueOf(payload),
        due == null ? null : due.toEpochMilli(),
        clock().millis());
  }

  // ---- callbacks ----

  void remind(String text, Schedule schedule) {
    started("remind");
    record("remind", text, schedule.time());
  }

  void note(JsonObject payload) {
    started("note");
    record("note", payload.encode(), null);
  }

  void step(String text, QueuedTask task) {
    started("step");
    record("step", text, null);
  }

  void failTimes(String key) {
    started("failTimes");
    AtomicInteger left = FAILURES_LEFT.get(key);
    if (left != null && left.getAndDecrement() > 0) {
      throw new IllegalStateException("failing on purpose: " + key);
    }
    record("failTimes", key, null);
  }

  void hangOnce(String key) {
    started("hangOnce");
    if (HANGING.containsKey(key)) {
      record("hangOnce", key, null);
      return;
    }
    Promise<Void> never = Promise.promise();
    HANGING.put(key, never);
    never.future().await(); // never completed: the run hangs
  }

  /** Waits until the test opens the gate of its payload, then records the run. */
  void gate(String key) {
    started("gate");
    GATES.computeIfAbsent(key, k -> Promise.promise()).future().await();
    record("gate", key, null);
  }

  void takesNumber(int n) {
    started("takesNumber");
  }

  /** A read-modify-write with a pause in the middle: lost updates show any interleaving. */
  private void bumpCounter() {
    sql("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER)");
    sql("INSERT OR IGNORE INTO counter VALUES (1, 0)");
    long n = sql("SELECT n FROM counter").get(0).getLong("n");
    try {
      Thread.sleep(1); // blocks the turn; does not let another message or run in
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sql("UPDATE counter SET n = ?", n + 1);
  }

  void countRun() {
    bumpCounter();
  }

  // ---- what the tests call ----

  @Callable
  public void count() {
    bumpCounter();
  }

  @Callable
  public long counted() {
    return sql("SELECT n FROM counter").get(0).getLong("n");
  }

  @Callable
  public JsonObject in(long seconds, String callback, Object payload, JsonObject options) {
    return schedule(seconds, callback, payload, opts(options)).toJson();
  }

  @Callable
  public JsonObject at(String instant, String callback, Object payload, JsonObject options) {
    return schedule(Instant.parse(instant), callback, payload, opts(options)).toJson();
  }

  @Callable
  public JsonObject cron(String cron, String callback, Object payload, JsonObject options) {
    return schedule(cron, callback, payload, opts(options)).toJson();
  }

  @Callable
  public JsonObject every(long seconds, String callback, Object payload, JsonObject options) {
    return scheduleEvery(seconds, callback, payload, opts(options)).toJson();
  }

  private static ScheduleOptions opts(JsonObject options) {
    return options == null ? null : new ScheduleOptions(options);
  }

  @Callable
  public JsonObject get(String id) {
    Schedule schedule = getSchedule(id);
    return schedule == null ? null : schedule.toJson();
  }

  @Callable
  public JsonArray list(String type, String from, String to) {
    ScheduleCriteria criteria =
        new ScheduleCriteria()
            .setType(type == null ? null : ScheduleType.fromJsonName(type))
            .setTimeRange(
                from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
    JsonArray out = new JsonArray();
    getSchedules(criteria).forEach(s -> out.add(s.toJson()));
    return out;
  }

  @Callable
  public boolean cancel(String id) {
    return cancelSchedule(id);
  }

  @Callable
  public List<String> enqueue(List<String> texts) {
    return texts.stream().map(text -> queue("step", text)).toList();
  }

  @Callable
  public String enqueueTo(String callback, Object payload) {
    return queue(callback, payload);
  }

  @Callable
  public boolean unqueue(String id) {
    return dequeue(id);
  }

  @Callable
  public int unqueueAll() {
    return dequeueAll();
  }

  @Callable
  public JsonObject queued(String id) {
    QueuedTask task = getQueue(id);
    return task == null
        ? null
        : new JsonObject().put("id", task.id()).put("payload", task.payload());
  }

  @Callable
  public List<String> queuedPayloads() {
    return getQueued().stream().map(t -> String.valueOf(t.payload())).toList();
  }

  @Callable
  public JsonArray failures() {
    JsonArray out = new JsonArray();
    for (FailedTask failed : getFailedTasks()) {
      out.add(
          new JsonObject()
              .put("id", failed.id())
              .put("kind", failed.kind())
              .put("callback", failed.callback())
              .put("error", failed.error())
              .put("attempts", failed.attempts()));
    }
    return out;
  }

  /** The payloads of the recorded runs of a callback, in order. */
  @Callable
  public List<String> runs(String callback) {
    if (sql("SELECT 1 FROM sqlite_master WHERE name = 'runs'").isEmpty()) {
      return List.of();
    }
    return sql("SELECT payload FROM runs WHERE callback = ? ORDER BY n", callback).stream()
        .map(row -> row.getString("payload"))
        .toList();
  }

  /** Firing lag of the recorded runs of a callback (run time minus due time), in ms. */
  @Callable
  public List<Long> lags(String callback) {
    return sql("SELECT at - due AS lag FROM runs WHERE callback = ? ORDER BY n", callback).stream()
        .map(row -> row.getLong("lag"))
        .toList();
  }

  @Callable
  public boolean selfDestruct() {
    destroy();
    return true;
  }
}
