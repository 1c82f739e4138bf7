package dev.agentbus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every agent has whatever its state type: the binding to its runtime ({@link
 * #init(AgentContext)}), its identity and configuration, and its schedules and queued tasks. Agents
 * extend {@link Agent}, which adds state, SQL, connections and HTTP; see there for threading.
 */
public abstract class AgentBase {

  private @Nullable AgentContext<?> context;

  /**
   * Agents are plain objects: a subclass may take constructor arguments (see the factory form of
   * {@link AgentBus#register(Class, java.util.function.Supplier)}).
   */
  protected AgentBase() {}

  /**
   * Binds this object to the instance it serves. AgentBus calls it once, after construction and
   * before {@link Agent#onStart}; the agent's methods that reach the runtime ({@link #name()},
   * {@code state()}, {@code sql}, ...) work from then on. A constructor must not call them.
   *
   * @param context the instance's context
   * @throws IllegalStateException if this object is already bound to another context
   */
  public final void init(AgentContext<?> context) {
    if (this.context != null && this.context != context) {
      throw new IllegalStateException(
          "This agent object already serves "
              + this.context.agentName()
              + "/"
              + this.context.name()
              + ": AgentBus needs a new object per instance (a factory must not return the same"
              + " object twice)");
    }
    this.context = context;
  }

  /**
   * The context this agent was bound to by {@link #init(AgentContext)}.
   *
   * @return the context
   * @throws IllegalStateException if it is not bound yet (e.g. called from a constructor)
   */
  protected final AgentContext<?> context() {
    AgentContext<?> bound = context;
    if (bound == null) {
      throw new IllegalStateException(
          getClass().getSimpleName()
              + " is not bound to an instance yet: AgentBus binds an agent after constructing it"
              + " (use onStart, not the constructor, for work that needs the instance)");
    }
    return bound;
  }

  /** {@return the instance name, exactly as addressed (any non-empty string)} */
  public final String name() {
    return context().name();
  }

  /** {@return the agent's public name, e.g. {@code counter-agent}} */
  public final String agentName() {
    return context().agentName();
  }

  /**
   * The application's configuration for agents ({@code AgentBusOptions.agentConfig}), shared by
   * every instance: read it, do not change it.
   *
   * @return the configuration
   */
  public final JsonObject config() {
    return context().config();
  }

  /** {@return the Vert.x instance the agent runs on} */
  public final Vertx vertx() {
    return context().vertx();
  }

  /**
   * Runs a task on the instance's own context, from any thread: a callback of a client library (a
   * model's HTTP client, a message broker) hands its result to the agent this way. The task runs
   * between the instance's other messages, like a timer's callback, and may use everything an agent
   * method may ({@code state()}, {@code sql(...)}, connections).
   *
   * @param task the task; an exception it throws is logged by Vert.x
   */
  public final void runOnInstance(Runnable task) {
    context().runOnInstance(task);
  }

  /**
   * Keeps the instance awake while work that is not a turn goes on, e.g. a reply streaming from a
   * model after the message that started it has returned. An instance with an open hold is never
   * hibernated for being idle (a runtime shutdown still stops it). Release the hold when the work
   * ends.
   *
   * @return the hold
   * @throws IllegalStateException if the instance is already hibernating
   */
  public final AwakeHold holdAwake() {
    return context().holdAwake();
  }

  private AgentSchedules schedules() {
    return context().schedules();
  }

  // ---- Schedules and queues (docs/schedules.md) ----

  /**
   * Runs a method of this agent once, a number of seconds from now. The callback names a method of
   * the agent class (any visibility) that takes nothing, the payload, or the payload and the {@link
   * Schedule}; it runs as a turn of the instance, which is woken for it if it hibernates. A
   * callback that throws (or returns a failed {@code Future}) is retried with backoff, then
   * recorded as failed ({@link #getFailedTasks}).
   *
   * @param delaySeconds the delay, at least 0
   * @param callback the method's name
   * @param payload what the method receives, mapped to JSON by Jackson (may be {@code null})
   * @return the new schedule
   * @throws IllegalArgumentException if the delay is negative, the method does not exist or cannot
   *     take the payload, or the payload is larger than {@code maxTaskPayloadBytes}
   */
  public final Schedule schedule(long delaySeconds, String callback, @Nullable Object payload) {
    return schedule(delaySeconds, callback, payload, null);
  }

  /**
   * Like {@link #schedule(long, String, Object)}, with options: {@code idempotent} returns an equal
   * pending schedule instead of adding one; retries can be set per schedule.
   *
   * @param delaySeconds the delay, at least 0
   * @param callback the method's name
   * @param payload what the method receives
   * @param options the options, or {@code null}
   * @return the new (or, if idempotent, the existing) schedule
   */
  public final Schedule schedule(
      long delaySeconds,
      String callback,
      @Nullable Object payload,
      @Nullable ScheduleOptions options) {
    return schedules().scheduleDelayed(delaySeconds, callback, payload, options);
  }

  /**
   * Runs a method of this agent once, at an instant (an instant already past runs at once). See
   * {@link #schedule(long, String, Object)} for the callback.
   *
   * @param when the instant
   * @param callback the method's name
   * @param payload what the method receives
   * @return the new schedule
   */
  public final Schedule schedule(Instant when, String callback, @Nullable Object payload) {
    return schedule(when, callback, payload, null);
  }

  /**
   * Like {@link #schedule(Instant, String, Object)}, with options.
   *
   * @param when the instant
   * @param callback the method's name
   * @param payload what the method receives
   * @param options the options, or {@code null}
   * @return the new (or, if idempotent, the existing) schedule
   */
  public final Schedule schedule(
      Instant when, String callback, @Nullable Object payload, @Nullable ScheduleOptions options) {
    return schedules().scheduleAt(when, callback, payload, options);
  }

  /**
   * Runs a method of this agent at every occurrence of a 5-field UNIX cron expression ({@code
   * minute hour day-of-month month day-of-week}, read in the zone of the runtime's clock), e.g.
   * {@code "0 8 * * *"} every day at 08:00. Idempotent by default: an equal cron schedule (same
   * callback, expression and payload) is returned instead of a second one. An occurrence missed
   * while the node was down runs once when it is back, not once per missed occurrence.
   *
   * @param cron the expression
   * @param callback the method's name
   * @param payload what the method receives
   * @return the schedule
   * @throws IllegalArgumentException if the expression is invalid (the message says why)
   */
  public final Schedule schedule(String cron, String callback, @Nullable Object payload) {
    return schedule(cron, callback, payload, null);
  }

  /**
   * Like {@link #schedule(String, String, Object)}, with options ({@code idempotent = false} adds a
   * second equal schedule).
   *
   * @param cron the expression
   * @param callback the method's name
   * @param payload what the method receives
   * @param options the options, or {@code null}
   * @return the schedule
   */
  public final Schedule schedule(
      String cron, String callback, @Nullable Object payload, @Nullable ScheduleOptions options) {
    return schedules().scheduleCron(cron, callback, payload, options);
  }

  /**
   * Runs a method of this agent every {@code seconds}, the first time one interval from now, the
   * next one interval after each run ends. A run still in progress is never started again; one that
   * hangs past {@code scheduleRunTimeoutMs} counts as failed and the interval goes on. The same
   * arguments again return the existing schedule.
   *
   * @param seconds the interval, at least 1
   * @param callback the method's name
   * @param payload what the method receives
   * @return the schedule
   */
  public final Schedule scheduleEvery(long seconds, String callback, @Nullable Object payload) {
    return scheduleEvery(seconds, callback, payload, null);
  }

  /**
   * Like {@link #scheduleEvery(long, String, Object)}, with options.
   *
   * @param seconds the interval, at least 1
   * @param callback the method's name
   * @param payload what the method receives
   * @param options the options, or {@code null}
   * @return the schedule
   */
  public final Schedule scheduleEvery(
      long seconds, String callback, @Nullable Object payload, @Nullable ScheduleOptions options) {
    return schedules().scheduleEvery(seconds, callback, payload, options);
  }

  /**
   * {@return the schedule, or {@code null} if there is none with that id (any more)}
   *
   * @param id a schedule id
   */
  public final @Nullable Schedule getSchedule(String id) {
    return schedules().getSchedule(id);
  }

  /** {@return this instance's schedules, soonest first} */
  public final List<Schedule> getSchedules() {
    return getSchedules(new ScheduleCriteria());
  }

  /**
   * {@return this instance's schedules that match, soonest first}
   *
   * @param criteria which ones: by id, type and time of the next run
   */
  public final List<Schedule> getSchedules(ScheduleCriteria criteria) {
    return schedules().getSchedules(criteria);
  }

  /**
   * Cancels a schedule. A run in progress ends normally and is the last.
   *
   * @param id a schedule id
   * @return true if it existed, false otherwise
   */
  public final boolean cancelSchedule(String id) {
    return schedules().cancelSchedule(id);
  }

  /**
   * Queues a call of a method of this agent, to run soon, after the tasks queued before it. The
   * method takes nothing, the payload, or the payload and the {@link QueuedTask}. A failing task is
   * retried with backoff (later tasks do not wait for it), then recorded as failed.
   *
   * @param callback the method's name
   * @param payload what the method receives
   * @return the task's id
   * @throws IllegalArgumentException if the method does not exist or cannot take the payload, or
   *     the payload is too large
   */
  public final String queue(String callback, @Nullable Object payload) {
    return schedules().queue(callback, payload);
  }

  /**
   * {@return true if it was queued (it will not run), false otherwise}
   *
   * @param id a queued task's id
   */
  public final boolean dequeue(String id) {
    return schedules().dequeue(id);
  }

  /**
   * Removes every queued task.
   *
   * @return how many were removed
   */
  public final int dequeueAll() {
    return schedules().dequeueAll();
  }

  /**
   * {@return the task, or {@code null} if it is not (or no longer) queued}
   *
   * @param id a queued task's id
   */
  public final @Nullable QueuedTask getQueue(String id) {
    return schedules().getQueue(id);
  }

  /**
   * This instance's queued tasks, in the order they run. A task stays queued until its run succeeds
   * or fails for good.
   *
   * @return the queued tasks
   */
  public final List<QueuedTask> getQueued() {
    return schedules().getQueued();
  }

  /**
   * {@return the runs of schedules and queued tasks that failed on every attempt (the latest 100)}
   */
  public final List<FailedTask> getFailedTasks() {
    return schedules().failedTasks();
  }

  /**
   * The clock schedules follow: the system clock, or the one given to {@link AgentBus#create(Vertx,
   * AgentBusOptions, Clock)} (e.g. a {@link ManualClock} in tests).
   *
   * @return the clock
   */
  public final Clock clock() {
    return schedules().clock();
  }
}
