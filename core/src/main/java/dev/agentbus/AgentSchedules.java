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
   * @param delaySeconds the delay, at least 0
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @return the schedule
   * @see AgentBase#schedule(long, String, Object, ScheduleOptions)
   */
  Schedule scheduleDelayed(
      long delaySeconds,
      String callback,
      @Nullable Object payload,
      @Nullable ScheduleOptions options);

  /**
   * @param when the instant
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @return the schedule
   * @see AgentBase#schedule(Instant, String, Object, ScheduleOptions)
   */
  Schedule scheduleAt(
      Instant when, String callback, @Nullable Object payload, @Nullable ScheduleOptions options);

  /**
   * @param cron a 5-field UNIX cron expression
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @return the schedule
   * @see AgentBase#schedule(String, String, Object, ScheduleOptions)
   */
  Schedule scheduleCron(
      String cron, String callback, @Nullable Object payload, @Nullable ScheduleOptions options);

  /**
   * @param seconds the interval, at least 1
   * @param callback the method's name
   * @param payload what it receives
   * @param options the options, or {@code null}
   * @return the schedule
   * @see AgentBase#scheduleEvery(long, String, Object, ScheduleOptions)
   */
  Schedule scheduleEvery(
      long seconds, String callback, @Nullable Object payload, @Nullable ScheduleOptions options);

  /**
   * @param id a schedule id
   * @return the schedule, or {@code null}
   */
  @Nullable Schedule getSchedule(String id);

  /**
   * @param criteria which ones
   * @return the matching schedules, soonest first
   */
  List<Schedule> getSchedules(ScheduleCriteria criteria);

  /**
   * @param id a schedule id
   * @return whether it existed
   */
  boolean cancelSchedule(String id);

  /**
   * @param callback the method's name
   * @param payload what it receives
   * @return the task's id
   */
  String queue(String callback, @Nullable Object payload);

  /**
   * @param id a queued task's id
   * @return whether it was queued
   */
  boolean dequeue(String id);

  /**
   * @return how many tasks were removed
   */
  int dequeueAll();

  /**
   * @param id a queued task's id
   * @return the task, or {@code null}
   */
  @Nullable QueuedTask getQueue(String id);

  /**
   * @return the queued tasks, in the order they run
   */
  List<QueuedTask> getQueued();

  /**
   * @return the latest runs that failed on every attempt
   */
  List<FailedTask> failedTasks();

  /**
   * @return the clock schedules follow
   */
  Clock clock();
}
