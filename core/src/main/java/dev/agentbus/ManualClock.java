package dev.agentbus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that stands still until a test moves it, for testing schedules without waiting. Give it
 * to {@link AgentBus#create(io.vertx.core.Vertx, AgentBusOptions, Clock)}: schedules then fall due
 * when the clock is moved past their time, and the test kit's {@code fireDueSchedules()} returns
 * once they have run ({@code dev.agentbus.testkit.AgentTestKit} makes a runtime with such a clock).
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock(Instant.parse("2030-01-06T08:00:00Z"), ZoneOffset.UTC);
 * AgentTestKit kit = AgentTestKit.create(clock);
 * // ... an agent schedules "0 9 * * 1" (Mondays at 09:00) ...
 * clock.advance(Duration.ofDays(1));   // Monday 2030-01-07 08:00
 * clock.advance(Duration.ofHours(1));  // 09:00: due
 * kit.fireDueSchedules();               // the callback has run
 * }</pre>
 *
 * Only the times of schedules follow this clock; idle timeouts and call timeouts keep real time.
 */
public final class ManualClock extends Clock {

  private final ZoneId zone;
  private final Shared shared;

  /** The time and listeners, shared by the copies {@link #withZone} makes. */
  private static final class Shared {
    private volatile Instant now;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    Shared(Instant now) {
      this.now = now;
    }
  }

  /**
   * Creates a clock that stands still until it is moved.
   *
   * @param start the time the clock shows until it is moved
   * @param zone the zone in which cron expressions are read
   */
  public ManualClock(Instant start, ZoneId zone) {
    this(new Shared(Objects.requireNonNull(start, "start")), Objects.requireNonNull(zone, "zone"));
  }

  private ManualClock(Shared shared, ZoneId zone) {
    this.shared = shared;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new ManualClock(shared, zone);
  }

  @Override
  public Instant instant() {
    return shared.now;
  }

  /**
   * Moves the clock forward (or back, with a negative duration) and tells the listeners.
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    set(shared.now.plus(duration));
  }

  /**
   * Sets the clock and tells the listeners.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    shared.now = Objects.requireNonNull(instant, "instant");
    for (Runnable listener : shared.listeners) {
      listener.run();
    }
  }

  /**
   * Registers a listener called after every change of the time, on the thread that changed it.
   * AgentBus registers one to fire the schedules that fell due.
   *
   * @param listener the listener
   */
  public void onChange(Runnable listener) {
    shared.listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Removes a listener registered with {@link #onChange}.
   *
   * @param listener the listener
   */
  public void removeListener(Runnable listener) {
    shared.listeners.remove(listener);
  }
}
