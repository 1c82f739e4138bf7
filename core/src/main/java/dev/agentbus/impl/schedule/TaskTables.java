package dev.agentbus.impl.schedule;

import dev.agentbus.FailedTask;
import dev.agentbus.QueuedTask;
import dev.agentbus.Schedule;
import dev.agentbus.ScheduleType;
import dev.agentbus.impl.json.JsonValues;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of schedules, queued tasks and failed runs in an instance's database, and how their
 * rows map to the public types (which leave out the bookkeeping columns). Times are epoch
 * milliseconds; payloads are JSON text with object keys sorted, so that equal payloads compare
 * equal.
 */
final class TaskTables {

  static final String SCHEDULES = "_agentbus_schedules";
  static final String QUEUE = "_agentbus_queue";
  static final String FAILED = "_agentbus_failed";

  /** Failed runs kept per instance; older ones are dropped. */
  static final int FAILED_KEPT = 100;

  /** The tables, as {@code CREATE ... IF NOT EXISTS} (also part of the instance template). */
  static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS "
              + SCHEDULES
              + " (id TEXT PRIMARY KEY, callback TEXT NOT NULL, payload TEXT NOT NULL,"
              + " type TEXT NOT NULL, time INTEGER NOT NULL, delay_seconds INTEGER, cron TEXT,"
              + " interval_seconds INTEGER, attempts INTEGER NOT NULL DEFAULT 0,"
              + " max_attempts INTEGER, retry_delay_ms INTEGER, created INTEGER NOT NULL)",
          "CREATE INDEX IF NOT EXISTS _agentbus_schedules_time ON " + SCHEDULES + " (time)",
          "CREATE TABLE IF NOT EXISTS "
              + QUEUE
              + " (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,"
              + " callback TEXT NOT NULL, payload TEXT NOT NULL, time INTEGER NOT NULL,"
              + " attempts INTEGER NOT NULL DEFAULT 0, created INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS "
              + FAILED
              + " (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, kind TEXT NOT NULL,"
              + " callback TEXT NOT NULL, payload TEXT NOT NULL, error TEXT,"
              + " attempts INTEGER NOT NULL, failed_at INTEGER NOT NULL)");

  private TaskTables() {}

  /**
   * @param database an instance database
   * @return whether it has the task tables
   */
  static boolean exist(InstanceDatabase database) {
    return !database
        .query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", SCHEDULES)
        .isEmpty();
  }

  /**
   * Creates the tables in a database made before they existed.
   *
   * @param database an instance database
   */
  static void create(InstanceDatabase database) {
    for (String ddl : SCHEMA) {
      database.query(ddl);
    }
  }

  /**
   * A payload as JSON, objects with sorted keys.
   *
   * @param payload any value Jackson can serialize
   * @return its JSON value
   * @throws IllegalArgumentException if it cannot be serialized
   */
  static Object json(Object payload) {
    return sorted(JsonValues.toJson(payload));
  }

  private static Object sorted(Object json) {
    if (json instanceof JsonObject object) {
      Map<String, Object> keys = new TreeMap<>();
      for (Map.Entry<String, Object> field : object) {
        keys.put(field.getKey(), sorted(field.getValue()));
      }
      return new JsonObject(new java.util.LinkedHashMap<>(keys));
    }
    if (json instanceof JsonArray array) {
      List<Object> items = new ArrayList<>(array.size());
      for (Object item : array) {
        items.add(sorted(item));
      }
      return new JsonArray(items);
    }
    return json;
  }

  /**
   * Encodes a payload and checks its size.
   *
   * @param json the payload as JSON
   * @param maxBytes the largest encoded payload accepted
   * @return its text
   * @throws IllegalArgumentException if it is too large
   */
  static String encode(Object json, int maxBytes) {
    String text = JsonValues.encode(json);
    if (text.length() > maxBytes / 3) {
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxBytes) {
        throw new IllegalArgumentException(
            "Payload is "
                + bytes
                + " bytes of JSON; the limit is "
                + maxBytes
                + " (maxTaskPayloadBytes)");
      }
    }
    return text;
  }

  static Schedule schedule(JsonObject row) {
    ScheduleType type = ScheduleType.fromJsonName(row.getString("type"));
    return new Schedule(
        row.getString("id"),
        row.getString("callback"),
        JsonValues.decode(row.getString("payload")),
        type,
        Instant.ofEpochMilli(row.getLong("time")),
        type == ScheduleType.DELAYED ? row.getLong("delay_seconds") : null,
        type == ScheduleType.CRON ? row.getString("cron") : null,
        type == ScheduleType.INTERVAL ? row.getLong("interval_seconds") : null);
  }

  static QueuedTask queued(JsonObject row) {
    return new QueuedTask(
        row.getString("id"),
        row.getString("callback"),
        JsonValues.decode(row.getString("payload")),
        Instant.ofEpochMilli(row.getLong("created")));
  }

  static FailedTask failed(JsonObject row) {
    return new FailedTask(
        row.getString("id"),
        row.getString("kind"),
        row.getString("callback"),
        JsonValues.decode(row.getString("payload")),
        row.getString("error"),
        row.getInteger("attempts"),
        Instant.ofEpochMilli(row.getLong("failed_at")));
  }

  /** Records a run that failed on its last attempt, keeping the latest {@link #FAILED_KEPT}. */
  static void recordFailure(
      InstanceDatabase database,
      String id,
      String kind,
      JsonObject row,
      String error,
      int attempts,
      long now) {
    database.query(
        "INSERT INTO "
            + FAILED
            + " (id, kind, callback, payload, error, attempts, failed_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        kind,
        row.getString("callback"),
        row.getString("payload"),
        error,
        attempts,
        now);
    database.query(
        "DELETE FROM "
            + FAILED
            + " WHERE seq <= (SELECT max(seq) FROM "
            + FAILED
            + ") - "
            + FAILED_KEPT);
  }
}
