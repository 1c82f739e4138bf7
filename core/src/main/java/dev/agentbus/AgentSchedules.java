package dev.agentbus;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instance's schedules and queued tasks, as the runtime keeps them. Agents use them through the
 * methods of {@link AgentBase} ({@code schedule}, {@code queue}, ...), which document each
 * operation; this interface is the seam between those methods and the runtime. Every method must be
 * called on the instance's own context.
 */
public interface AgentSchedules {

  /**
   * {@return the schedule}
   *
   * @param delaySeconds the delay, at least 0
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @see AgentBase#schedule(long, String, Object, ScheduleOptions)
   */
  Schedule scheduleDelayed(
      long delaySeconds,
      String callback,
      @Nullable Object payload,
      @Nullable ScheduleOptions options);

  /**
   * {@return the schedule}
   *
   * @param when the instant
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @see AgentBase#schedule(Instant, String, Object, ScheduleOptions)
   */
  Schedule scheduleAt(
      Instant when, String callback, @Nullable Object payload, @Nullable ScheduleOptions options);

  /**
   * {@return the schedule}
   *
   * @param cron a 5-field UNIX cron expression
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @see AgentBase#schedule(String, String, Object, ScheduleOptions)
   */
  Schedule scheduleCron(
      String cron, String callback, @Nullable Object payload, @Nullable ScheduleOptions options);

  /**
   * {@return the schedule}
   *
   * @param seconds the interval, at least 1
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @see AgentBase#scheduleEvery(long, String, Object, ScheduleOptions)
   */
  Schedule scheduleEvery(
      long seconds, String callback, @Nullable Object payload, @Nullable ScheduleOptions options);

  /**
   * {@return the schedule, or {@code null}}
   *
   * @param id a schedule id
   */
  @Nullable Schedule getSchedule(String id);

  /**
   * {@return the matching schedules, soonest first}
   *
   * @param criteria which ones
   */
  List<Schedule> getSchedules(ScheduleCriteria criteria);

  /**
   * {@return whether it existed}
   *
   * @param id a schedule id
   */
  boolean cancelSchedule(String id);

  /**
   * {@return the task's id}
   *
   * @param callback the method's name
   * @param payload what it receives
   */
  String queue(String callback, @Nullable Object payload);

  /**
   * {@return whether it was queued}
   *
   * @param id a queued task's id
   */
  boolean dequeue(String id);

  /** {@return how many tasks were removed} */
  int dequeueAll();

  /**
   * {@return the task, or {@code null}}
   *
   * @param id a queued task's id
   */
  @Nullable QueuedTask getQueue(String id);

  /** {@return the queued tasks, in the order they run} */
  List<QueuedTask> getQueued();

  /** {@return the latest runs that failed on every attempt} */
  List<FailedTask> failedTasks();

  /** {@return the clock schedules follow} */
  Clock clock();
}
