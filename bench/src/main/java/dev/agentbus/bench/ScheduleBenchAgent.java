package dev.agentbus.bench;

import dev.agentbus.Agent;
import dev.agentbus.Callable;
import dev.agentbus.Schedule;
import java.time.Instant;

/** The agent of the schedule benchmark: makes one-shot schedules and records each firing's lag. */
public class ScheduleBenchAgent extends Agent<Void> {

  /** Where firings are recorded; {@code null} between measures. */
  static volatile FiringRecorder recorder;

  /** Callback {@code chain} schedules its next firing this long after its due time. */
  static volatile long chainPeriodMillis;

  /** Callback {@code chain} stops scheduling its next firing once this time is reached. */
  static volatile long chainUntilMillis;

  /**
   * Makes one-shot schedules at {@code first}, {@code first + step}, ...
   *
   * @param firstMillis the first due time, epoch milliseconds
   * @param stepMillis the time between two of them
   * @param count how many
   * @return {@code count}
   */
  @Callable
  public int plan(long firstMillis, long stepMillis, int count) {
    for (int i = 0; i < count; i++) {
      schedule(Instant.ofEpochMilli(firstMillis + i * stepMillis), "fire", null);
    }
    return count;
  }

  /**
   * Starts a chain: a one-shot schedule whose callback schedules the next one {@link
   * #chainPeriodMillis} after its own due time (a fixed rate that does not drift with the lag).
   *
   * @param firstMillis the first due time, epoch milliseconds
   */
  @Callable
  public void chainFrom(long firstMillis) {
    schedule(Instant.ofEpochMilli(firstMillis), "chain", null);
  }

  void chain(Object payload, Schedule schedule) {
    FiringRecorder current = recorder;
    if (current != null) {
      current.record(schedule.time());
    }
    Instant next = schedule.time().plusMillis(chainPeriodMillis);
    if (next.toEpochMilli() < chainUntilMillis) {
      schedule(next, "chain", null);
    }
  }

  /** How many schedules the instance has. */
  @Callable
  public int pending() {
    return getSchedules().size();
  }

  void fire(Object payload, Schedule schedule) {
    FiringRecorder current = recorder;
    if (current != null) {
      current.record(schedule.time());
    }
  }
}
