package dev.agentbus;

import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Options of one schedule ({@link Agent#schedule(long, String, Object, ScheduleOptions)} and its
 * siblings). Unset values take the defaults of the type and of {@link AgentBusOptions}.
 */
public class ScheduleOptions {

  private @Nullable Boolean idempotent;
  private @Nullable Integer maxAttempts;
  private @Nullable Long retryDelayMs;

  /** Options with every default. */
  public ScheduleOptions() {}

  /**
   * A copy of other options.
   *
   * @param other the options to copy
   */
  public ScheduleOptions(ScheduleOptions other) {
    this(other.toJson());
  }

  /**
   * Options read from JSON ({@code idempotent}, {@code maxAttempts}, {@code retryDelayMs}).
   *
   * @param json the options
   */
  public ScheduleOptions(JsonObject json) {
    idempotent = json.getBoolean("idempotent");
    Number attempts = json.getNumber("maxAttempts");
    Number delay = json.getNumber("retryDelayMs");
    if (attempts != null) {
      setMaxAttempts(attempts.intValue());
    }
    if (delay != null) {
      setRetryDelayMs(delay.longValue());
    }
  }

  /** {@return these options as JSON; unset values are left out} */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (idempotent != null) {
      json.put("idempotent", idempotent);
    }
    if (maxAttempts != null) {
      json.put("maxAttempts", maxAttempts);
    }
    if (retryDelayMs != null) {
      json.put("retryDelayMs", retryDelayMs);
    }
    return json;
  }

  /**
   * Whether an equal schedule already pending is returned instead of a new one; {@code null} (the
   * default) means yes for cron and interval schedules, no for one-shots. Equal means the same
   * type, callback and payload, and the same expression (cron) or interval.
   *
   * @return the setting, or {@code null} for the default
   */
  public @Nullable Boolean getIdempotent() {
    return idempotent;
  }

  /**
   * Sets whether an equal pending schedule is returned instead of a new one.
   *
   * @param idempotent see {@link #getIdempotent()}
   * @return these options
   */
  public ScheduleOptions setIdempotent(@Nullable Boolean idempotent) {
    this.idempotent = idempotent;
    return this;
  }

  /**
   * {@return how many times a run is tried before it is recorded as failed; {@code null}: the
   * default}
   */
  public @Nullable Integer getMaxAttempts() {
    return maxAttempts;
  }

  /**
   * Sets how many times a run is tried before it is recorded as failed.
   *
   * @param maxAttempts at least 1 (1 = no retry), or {@code null} for {@link
   *     AgentBusOptions#getScheduleMaxAttempts()}
   * @return these options
   */
  public ScheduleOptions setMaxAttempts(@Nullable Integer maxAttempts) {
    if (maxAttempts != null && maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * {@return the wait before the first retry, doubled for each next one; {@code null}: the default}
   */
  public @Nullable Long getRetryDelayMs() {
    return retryDelayMs;
  }

  /**
   * Sets the wait before the first retry, in milliseconds.
   *
   * @param retryDelayMs at least 0, or {@code null} for {@link
   *     AgentBusOptions#getScheduleRetryDelayMs()}
   * @return these options
   */
  public ScheduleOptions setRetryDelayMs(@Nullable Long retryDelayMs) {
    if (retryDelayMs != null && retryDelayMs < 0) {
      throw new IllegalArgumentException("retryDelayMs must not be negative");
    }
    this.retryDelayMs = retryDelayMs;
    return this;
  }
}
