package dev.agentbus;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which schedules {@link Agent#getSchedules(ScheduleCriteria)} returns: those that match every
 * criterion set. No criterion set: all of them.
 */
public class ScheduleCriteria {

  private @Nullable String id;
  private @Nullable ScheduleType type;
  private @Nullable Instant from;
  private @Nullable Instant to;

  /** Criteria that match every schedule. */
  public ScheduleCriteria() {}

  /** {@return only the schedule with this id, or {@code null}} */
  public @Nullable String getId() {
    return id;
  }

  /**
   * Restricts the criteria to one schedule id.
   *
   * @param id only the schedule with this id; {@code null} for any
   * @return these criteria
   */
  public ScheduleCriteria setId(@Nullable String id) {
    this.id = id;
    return this;
  }

  /** {@return only schedules of this type, or {@code null}} */
  public @Nullable ScheduleType getType() {
    return type;
  }

  /**
   * Restricts the criteria to one type of schedule.
   *
   * @param type only schedules of this type; {@code null} for any
   * @return these criteria
   */
  public ScheduleCriteria setType(@Nullable ScheduleType type) {
    this.type = type;
    return this;
  }

  /** {@return only schedules whose next run is at or after this instant, or {@code null}} */
  public @Nullable Instant getFrom() {
    return from;
  }

  /** {@return only schedules whose next run is at or before this instant, or {@code null}} */
  public @Nullable Instant getTo() {
    return to;
  }

  /**
   * Restricts the criteria to schedules whose next run falls in a time range.
   *
   * @param from only schedules whose next run is at or after it; {@code null} for no lower bound
   * @param to only schedules whose next run is at or before it; {@code null} for no upper bound
   * @return these criteria
   */
  public ScheduleCriteria setTimeRange(@Nullable Instant from, @Nullable Instant to) {
    this.from = from;
    this.to = to;
    return this;
  }
}
