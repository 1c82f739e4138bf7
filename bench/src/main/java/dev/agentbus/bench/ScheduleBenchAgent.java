package dev.agentbus.bench;

import dev.agentbus.Agent;
import dev.agentbus.Callable;
import dev.agentbus.Schedule;
import java.time.Instant;

/** The agent of the schedule benchmark: makes one-shot schedules and records each firing's lag. */
public class ScheduleBenchAgent extends Agent<Void> {

  /** Where firings are recorded; {@code null} between measures. */
  static volatile FiringRecorder recorder;

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
