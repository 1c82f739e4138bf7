package dev.agentbus.impl.schedule;

import dev.agentbus.ManualClock;
import dev.agentbus.impl.node.DetachedContext;
import dev.agentbus.impl.node.InstanceKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wakes instances when their tasks fall due. Holds, for each instance of the node that has
 * schedules or queued tasks, one entry: when to wake it next ({@code due}) and the time the durable
 * index guarantees ({@code durable}, never later than the instance's earliest task). The entries
 * are kept in time order in memory and written through to {@link ScheduleIndex}; no instance is
 * held. One timer, set for the earliest entry, fires the instances due through the same activation
 * path as messages; each instance then runs its due tasks and reports its next times with {@link
 * #update}.
 *
 * <p>A change that moves an instance's durable time earlier is committed before {@link #update}
 * returns (so a new schedule survives a crash the moment it is acknowledged); one that moves it
 * later is written in the background, since an early wake-up only costs a look at the instance.
 */
public final class NodeScheduler {

  /** No time: the instance has nothing to run. */
  public static final long NONE = Long.MAX_VALUE;

  /** Fire messages in flight at most; more due instances wait for one to answer. */
  static final int MAX_IN_FLIGHT = 512;

  private static final long MAX_FIRE_BACKOFF_MS = 60_000;
  private static final System.Logger LOG = System.getLogger(NodeScheduler.class.getName());

  /** Sends the due message to an instance. */
  public interface Firer {
    /**
     * @param key the instance
     * @return completes once the instance is live and the message sent (no answer is awaited: the
     *     instance reports with {@link #update}); fails if it could not start; {@code null} if its
     *     agent is not registered on this node (the entry waits for {@link #agentRegistered})
     */
    Future<?> fire(InstanceKey key);
  }

  private static final class Entry {
    final InstanceKey key;
    final long due;
    final long durable;
    final long seq;
    final int failures;

    Entry(InstanceKey key, long due, long durable, long seq, int failures) {
      this.key = key;
      this.due = due;
      this.durable = durable;
      this.seq = seq;
      this.failures = failures;
    }
  }

  private static final Comparator<Entry> ORDER =
      Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.seq);

  private record Waiter(long until, Promise<Void> promise) {}

  private final Clock clock;
  private final long reportTimeoutMs;
  private final ScheduleIndex index;
  private final Vertx vertx;
  private final Context context;
  private final HashMap<InstanceKey, Entry> entries = new HashMap<>();
  private final TreeSet<Entry> queue = new TreeSet<>(ORDER);
  private final HashMap<InstanceKey, Entry> inFlight = new HashMap<>();
  private final HashMap<InstanceKey, Entry> parked = new HashMap<>();
  private final AtomicInteger runs = new AtomicInteger();
  private final List<Waiter> waiters = new ArrayList<>();
  private final Runnable clockListener = this::schedulePump;
  private long seq;
  private boolean pumpScheduled;
  private Firer firer;
  private long timerId = -1;
  private volatile long timerDue = NONE;
  private volatile boolean stopped;

  /**
   * Opens the data directory's index and loads it.
   *
   * @param vertx the Vert.x instance
   * @param dataDir the data directory
   * @param clock the clock schedules follow
   * @param reportTimeoutMs how long after a due message without a report the instance is woken
   *     again
   */
  public NodeScheduler(Vertx vertx, Path dataDir, Clock clock, long reportTimeoutMs) {
    this.clock = clock;
    this.reportTimeoutMs = reportTimeoutMs;
    this.vertx = vertx;
    this.context = DetachedContext.create(vertx, "scheduler");
    this.index = new ScheduleIndex(dataDir);
    for (ScheduleIndex.Row row : index.load()) {
      Entry entry = new Entry(row.key(), row.due(), row.due(), seq++, 0);
      entries.put(row.key(), entry);
      queue.add(entry);
    }
  }

  /** The clock schedules follow. */
  public Clock clock() {
    return clock;
  }

  /**
   * Starts firing: everything overdue in the index fires now, once per instance.
   *
   * @param firer sends the due message to an instance
   */
  public void start(Firer firer) {
    this.firer = firer;
    if (clock instanceof ManualClock manual) {
      manual.onChange(clockListener);
    }
    schedulePump();
  }

  /**
   * Records an instance's next times.
   *
   * @param key the instance
   * @param due when to wake it next ({@link #NONE}: not by the timer, e.g. while all its tasks run)
   * @param durable its earliest task's time, running ones included ({@link #NONE}: it has none)
   * @throws io.vertx.core.VertxException if an earlier time could not be committed
   */
  public void update(InstanceKey key, long due, long durable) {
    boolean wait;
    boolean write;
    synchronized (this) {
      Entry previous = entries.remove(key);
      if (previous != null) {
        queue.remove(previous);
        inFlight.remove(key, previous);
      }
      if (durable == NONE) {
        if (previous != null) {
          index.put(key, ScheduleIndex.REMOVE, false);
        }
        return;
      }
      Entry entry = new Entry(key, due, durable, seq++, 0);
      entries.put(key, entry);
      if (due != NONE) {
        queue.add(entry);
      }
      wait = previous == null || durable < previous.durable;
      write = wait || durable != previous.durable;
    }
    if (write) {
      var committed = index.put(key, durable, wait);
      if (wait) {
        // Parks the instance's virtual thread without letting another message in (no await).
        try {
          committed.join();
        } catch (java.util.concurrent.CompletionException e) {
          throw e.getCause() instanceof RuntimeException cause
              ? cause // its own words (e.g. "Disk full: ...")
              : new io.vertx.core.VertxException(e.getCause());
        }
      }
    }
    if (due < timerDue) {
      schedulePump();
    }
  }

  /** A task run started (for {@link #fireDue}). */
  public void runStarted() {
    runs.incrementAndGet();
  }

  /** A task run ended, after its instance reported its next times. */
  public void runEnded() {
    if (runs.decrementAndGet() == 0) {
      schedulePump();
    }
  }

  /**
   * An agent was registered: its instances' entries waiting for it fire as due.
   *
   * @param agent the agent's public name
   */
  public void agentRegistered(String agent) {
    synchronized (this) {
      for (Iterator<Map.Entry<InstanceKey, Entry>> it = parked.entrySet().iterator();
          it.hasNext(); ) {
        Entry entry = it.next().getValue();
        if (entry.key.agent().equals(agent)) {
          it.remove();
          if (!entries.containsKey(entry.key)) {
            entries.put(entry.key, entry);
            queue.add(entry);
          }
        }
      }
    }
    schedulePump();
  }

  /**
   * Fires what is due now and completes when those instances have taken their tasks and every run
   * has ended, including runs of tasks that fell due meanwhile. For tests with a {@link
   * ManualClock}.
   */
  public Future<Void> fireDue() {
    Promise<Void> settled = Promise.promise();
    context.runOnContext(
        ignored -> {
          waiters.add(new Waiter(clock.millis(), settled));
          pump();
        });
    return settled.future();
  }

  private void schedulePump() {
    synchronized (this) {
      if (pumpScheduled || stopped) {
        return;
      }
      pumpScheduled = true;
    }
    context.runOnContext(ignored -> pump());
  }

  private void pump() {
    long now = clock.millis();
    List<Entry> due = new ArrayList<>();
    long next;
    synchronized (this) {
      pumpScheduled = false;
      if (stopped || firer == null) {
        return;
      }
      while (inFlight.size() < MAX_IN_FLIGHT && !queue.isEmpty() && queue.first().due <= now) {
        Entry entry = queue.pollFirst();
        // Until the instance reports, a watchdog entry stands in for it: it keeps the durable time
        // and wakes the instance again if no report comes (a lost message, a failed turn).
        Entry watchdog =
            new Entry(entry.key, now + reportTimeoutMs, entry.durable, seq++, entry.failures);
        entries.put(entry.key, watchdog);
        queue.add(watchdog);
        inFlight.put(entry.key, watchdog);
        due.add(entry);
      }
      next = queue.isEmpty() || inFlight.size() >= MAX_IN_FLIGHT ? NONE : queue.first().due;
    }
    for (Entry entry : due) {
      fire(entry);
    }
    arm(next, now);
    settleWaiters();
  }

  private void fire(Entry entry) {
    Future<?> sent;
    try {
      sent = firer.fire(entry.key);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    Entry watchdog;
    synchronized (this) {
      watchdog = inFlight.get(entry.key);
      if (sent == null && watchdog != null && entries.remove(entry.key, watchdog)) {
        queue.remove(watchdog);
        inFlight.remove(entry.key);
        parked.put(entry.key, entry); // at its own time, once the agent is registered
      }
    }
    if (sent != null && watchdog != null) {
      sent.onFailure(failure -> failed(watchdog, failure));
    }
  }

  /** The due message could not be delivered (the instance failed to start): try again later. */
  private void failed(Entry watchdog, Throwable failure) {
    synchronized (this) {
      if (!entries.remove(watchdog.key, watchdog) || stopped) {
        return; // the instance reported meanwhile
      }
      queue.remove(watchdog);
      inFlight.remove(watchdog.key);
      int failures = watchdog.failures + 1;
      long backoff = Math.min(MAX_FIRE_BACKOFF_MS, 1_000L << Math.min(failures - 1, 16));
      Entry retry =
          new Entry(watchdog.key, clock.millis() + backoff, watchdog.durable, seq++, failures);
      entries.put(watchdog.key, retry);
      queue.add(retry);
      LOG.log(
          failures == 1 ? Level.WARNING : Level.DEBUG,
          "Could not wake "
              + watchdog.key.agent()
              + " instance for its tasks; trying again in "
              + backoff
              + " ms: "
              + failure.getMessage());
    }
    schedulePump();
  }

  private void arm(long next, long now) {
    if (timerId >= 0 && timerDue <= next && timerDue > now) {
      return; // an earlier timer is set; it re-arms when it fires
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    timerDue = NONE;
    if (next == NONE) {
      return;
    }
    if (next <= now) {
      schedulePump();
      return;
    }
    timerDue = next;
    if (clock instanceof ManualClock) {
      return; // a manual clock moves only when a test moves it, and then tells us
    }
    timerId =
        vertx.setTimer( // on the scheduler's context: arm() runs there
            next - now,
            id -> {
              timerId = -1;
              timerDue = NONE;
              pump();
            });
  }

  private void settleWaiters() {
    if (waiters.isEmpty()) {
      return;
    }
    boolean idle;
    long earliest;
    synchronized (this) {
      idle = inFlight.isEmpty() && runs.get() == 0;
      earliest = queue.isEmpty() ? NONE : queue.first().due;
    }
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter waiter = it.next();
      if (idle && earliest > waiter.until()) {
        it.remove();
        waiter.promise().complete();
      }
    }
  }

  /** Stops firing (the runtime is closing); changes are still recorded. */
  public void stop() {
    stopped = true;
    if (clock instanceof ManualClock manual) {
      manual.removeListener(clockListener);
    }
    context.runOnContext(
        ignored -> {
          if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
          }
          waiters.forEach(w -> w.promise().tryFail("AgentBus is closed"));
          waiters.clear();
        });
  }

  /** Writes the pending changes and closes the index. */
  public void close() {
    index.close();
  }
}
