package dev.agentbus.testkit;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentRef;
import dev.agentbus.ManualClock;
import dev.agentbus.impl.AgentBusImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A runtime for unit-testing agents: its own Vert.x, a temporary data directory (real SQLite files,
 * deleted by {@link #close()}), and a {@link ManualClock} that schedules follow. Calls block until
 * answered, so a test reads top to bottom.
 *
 * <pre>{@code
 * try (AgentTestKit kit = AgentTestKit.create().register(CounterAgent.class)) {
 *   assertEquals(1, kit.call(Integer.class, CounterAgent.class, "room-1", "increment", 1));
 *   kit.hibernateIdle();                      // the next call wakes it from its file
 *   assertEquals(new JsonObject().put("count", 1), kit.state(CounterAgent.class, "room-1"));
 *   kit.advance(Duration.ofHours(1));         // schedules due by then have run
 * }
 * }</pre>
 */
public final class AgentTestKit implements AutoCloseable {

  private final Vertx vertx;
  private final ManualClock clock;
  private final Path dataDir;
  private final boolean ownDataDir;
  private final AgentBusImpl agents;

  private AgentTestKit(AgentBusOptions options, ManualClock clock, boolean ownDataDir) {
    this.vertx = Vertx.vertx();
    this.clock = clock;
    this.dataDir = Path.of(options.getDataDir());
    this.ownDataDir = ownDataDir;
    this.agents = (AgentBusImpl) AgentBus.create(vertx, options, clock);
  }

  /**
   * A runtime on a new temporary data directory, its clock standing at the current time (UTC).
   *
   * @return the kit
   */
  public static AgentTestKit create() {
    return create(new ManualClock(Instant.now(), ZoneOffset.UTC));
  }

  /**
   * A runtime on a new temporary data directory with the given clock.
   *
   * @param clock the clock schedules follow
   * @return the kit
   */
  public static AgentTestKit create(ManualClock clock) {
    return create(new AgentBusOptions(), clock);
  }

  /**
   * A runtime with options of your choice. Their data directory is replaced by a new temporary one
   * unless it was set to something other than the default ({@code data}); a directory you chose is
   * kept by {@link #close()}, so that a second kit can reopen it.
   *
   * @param options the runtime's options
   * @param clock the clock schedules follow
   * @return the kit
   */
  public static AgentTestKit create(AgentBusOptions options, ManualClock clock) {
    AgentBusOptions copy = new AgentBusOptions(options);
    boolean temporary = copy.getDataDir().equals(new AgentBusOptions().getDataDir());
    if (temporary) {
      try {
        copy.setDataDir(Files.createTempDirectory("agentbus-test").toString());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary data directory", e);
      }
    }
    return new AgentTestKit(copy, clock, temporary);
  }

  /**
   * Registers an agent class, created with its no-argument constructor.
   *
   * @param agentClass the class
   * @return this kit
   */
  public AgentTestKit register(Class<? extends Agent<?>> agentClass) {
    agents.register(agentClass);
    return this;
  }

  /**
   * Registers an agent class with a factory, e.g. one that injects test doubles.
   *
   * @param agentClass the class
   * @param factory makes a new object per activation
   * @param <A> the agent type
   * @return this kit
   */
  public <A extends Agent<?>> AgentTestKit register(Class<A> agentClass, Supplier<A> factory) {
    agents.register(agentClass, factory);
    return this;
  }

  /** {@return the runtime, for anything the kit does not wrap} */
  public AgentBus agents() {
    return agents;
  }

  /** {@return the kit's Vert.x instance} */
  public Vertx vertx() {
    return vertx;
  }

  /** {@return the clock schedules follow} */
  public ManualClock clock() {
    return clock;
  }

  /** {@return the data directory (instance files are under it)} */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * {@return a handle on the instance}
   *
   * @param agentClass a registered agent class
   * @param name an instance name
   */
  public AgentRef ref(Class<? extends Agent<?>> agentClass, String name) {
    return agents.get(agentClass, name);
  }

  /**
   * Calls a {@code @Callable} method and waits for its answer.
   *
   * @param agentClass a registered agent class
   * @param name an instance name
   * @param method the method
   * @param args its arguments
   * @return the result as a JSON value
   * @throws dev.agentbus.AgentCallException if the method failed (its message is the error's)
   */
  public Object call(
      Class<? extends Agent<?>> agentClass, String name, String method, Object... args) {
    return ref(agentClass, name).call(method, args).await();
  }

  /**
   * Calls a {@code @Callable} method and maps its answer to a type.
   *
   * @param resultType the result's type
   * @param agentClass a registered agent class
   * @param name an instance name
   * @param method the method
   * @param args its arguments
   * @param <T> the result's type
   * @return the result
   */
  public <T> T call(
      Class<T> resultType,
      Class<? extends Agent<?>> agentClass,
      String name,
      String method,
      Object... args) {
    return ref(agentClass, name).call(resultType, method, args).await();
  }

  /**
   * {@return the instance's state as JSON ({@code null} if it has none)}
   *
   * @param agentClass a registered agent class
   * @param name an instance name
   */
  public Object state(Class<? extends Agent<?>> agentClass, String name) {
    return ref(agentClass, name).state().await();
  }

  /**
   * Fires every schedule and queued task due by the clock now, and returns once their runs (and the
   * runs of tasks they queued) have ended.
   */
  public void fireDueSchedules() {
    fireDueSchedules(agents).await();
  }

  /**
   * Moves the clock forward and fires what fell due.
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    clock.advance(duration);
    fireDueSchedules();
  }

  /**
   * Lets the runs of due schedules and queued tasks end (a task queued by the last call would keep
   * its instance busy), then hibernates every idle live instance; the next message wakes it from
   * its file.
   */
  public void hibernateIdle() {
    fireDueSchedules();
    hibernateIdle(agents).await();
  }

  /**
   * Fires what is due on any runtime made by {@link AgentBus#create} (for tests that make their
   * own).
   *
   * @param agents the runtime
   * @return completes when the runs have ended
   */
  public static Future<Void> fireDueSchedules(AgentBus agents) {
    return ((AgentBusImpl) agents).fireDueSchedules();
  }

  /**
   * Hibernates every idle live instance of any runtime made by {@link AgentBus#create}.
   *
   * @param agents the runtime
   * @return completes when they have hibernated
   */
  public static Future<Void> hibernateIdle(AgentBus agents) {
    return ((AgentBusImpl) agents).hibernateIdle();
  }

  /** Stops the runtime (instances hibernate), closes Vert.x, deletes a temporary data directory. */
  @Override
  public void close() {
    agents.close().await();
    vertx.close().await();
    if (ownDataDir) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + dataDir, e);
      }
    }
  }
}
