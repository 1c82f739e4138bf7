package dev.agentbus;

import com.fasterxml.jackson.annotation.JsonValue;

/** What kind of time a {@link Schedule} runs at. */
public enum ScheduleType {
  /** Once, at a given instant ({@code schedule(Instant, ...)}). */
  SCHEDULED("scheduled"),
  /** Once, a number of seconds after it was made ({@code schedule(long, ...)}). */
  DELAYED("delayed"),
  /** At every occurrence of a cron expression ({@code schedule(String, ...)}). */
  CRON("cron"),
  /** Every so many seconds ({@code scheduleEvery}). */
  INTERVAL("interval");

  private final String jsonName;

  ScheduleType(String jsonName) {
    this.jsonName = jsonName;
  }

  /**
   * {@return the name used in JSON and in the database: {@code scheduled}, {@code delayed}, ...}
   */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /**
   * Finds a type by its JSON name.
   *
   * @param jsonName {@code scheduled}, {@code delayed}, {@code cron} or {@code interval}
   * @return the type of that name
   * @throws IllegalArgumentException for any other name
   */
  public static ScheduleType fromJsonName(String jsonName) {
    for (ScheduleType type : values()) {
      if (type.jsonName.equals(jsonName)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Unknown schedule type: " + jsonName);
  }
}
