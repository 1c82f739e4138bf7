package dev.agentbus;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A task an agent instance asked to run later, from {@link Agent#schedule} or {@link
 * Agent#scheduleEvery}. It lives in the instance's own database and is run as a turn of the
 * instance, which is woken for it if it hibernates. A value: it does not change when the schedule
 * runs; read it again with {@link Agent#getSchedule}.
 *
 * @param id the schedule's id, unique within its instance
 * @param callback the name of the agent method that runs
 * @param payload what the method receives, as JSON ({@code null}, string, number, boolean, {@code
 *     JsonObject} or {@code JsonArray})
 * @param type scheduled, delayed, cron or interval
 * @param time the next run: for a schedule that failed and waits for a retry, the time of the retry
 * @param delayInSeconds the delay of a {@link ScheduleType#DELAYED} schedule, else {@code null}
 * @param cron the expression of a {@link ScheduleType#CRON} schedule, else {@code null}
 * @param intervalSeconds the interval of an {@link ScheduleType#INTERVAL} schedule, else {@code
 *     null}
 */
public record Schedule(
    String id,
    String callback,
    @Nullable Object payload,
    ScheduleType type,
    Instant time,
    @Nullable Long delayInSeconds,
    @Nullable String cron,
    @Nullable Long intervalSeconds) {

  /**
   * The schedule as JSON: {@code id}, {@code callback}, {@code payload}, {@code type}, {@code time}
   * (epoch milliseconds), and {@code delayInSeconds}, {@code cron} or {@code intervalSeconds}
   * according to the type.
   *
   * @return the JSON form
   */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("id", id)
            .put("callback", callback)
            .put("payload", payload)
            .put("type", type.jsonName())
            .put("time", time.toEpochMilli());
    switch (type) {
      case DELAYED -> json.put("delayInSeconds", delayInSeconds);
      case CRON -> json.put("cron", cron);
      case INTERVAL -> json.put("intervalSeconds", intervalSeconds);
      case SCHEDULED -> {}
    }
    return json;
  }
}
