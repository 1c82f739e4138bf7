package dev.agentbus.bench;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentRef;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The system under test: one Vert.x instance and one {@link AgentBus} with {@link BenchAgent}
 * registered, on a fresh data directory that {@link #close()} deletes. Instances never hibernate on
 * their own during a run (the idle timeout is far longer than the run); the measurements hibernate
 * them explicitly.
 */
public final class BenchRuntime implements AutoCloseable {

  /** Long enough that no instance hibernates by itself while the benchmark runs. */
  private static final long IDLE_TIMEOUT_MS = 60 * 60 * 1000L;

  private final Path dataDir;
  private final Vertx vertx;
  private final AgentBus agents;

  private BenchRuntime(Path dataDir) {
    this.dataDir = dataDir;
    this.vertx = Vertx.vertx();
    this.agents =
        AgentBus.create(
            vertx,
            new AgentBusOptions()
                .setDataDir(dataDir.resolve("agents").toString())
                .setIdleTimeoutMs(IDLE_TIMEOUT_MS)
                // The heap and activation measures hold 20,000 instances live at once.
                .setMaxLiveInstances(100_000));
    agents.register(BenchAgent.class);
  }

  /**
   * Starts Vert.x and AgentBus on a new temporary data directory.
   *
   * @return the runtime
   * @throws IOException if the directory cannot be created
   */
  public static BenchRuntime start() throws IOException {
    return new BenchRuntime(Files.createTempDirectory("agentbus-bench-"));
  }

  /** The Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** The AgentBus under test. */
  public AgentBus agents() {
    return agents;
  }

  /** The temporary directory; AgentBus uses its {@code agents} subdirectory. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * A handle on a {@link BenchAgent} instance.
   *
   * @param name the instance name
   * @return the handle
   */
  public AgentRef ref(String name) {
    return agents.get(BenchAgent.class, name);
  }

  /**
   * Calls a method on instances {@code prefix0 .. prefix(count-1)}, {@code concurrency} calls
   * outstanding at a time.
   *
   * @param prefix the instance-name prefix
   * @param count how many instances
   * @param concurrency how many calls in flight
   * @param method the method, e.g. {@code echo}
   * @param args its arguments
   * @return the latencies of the calls
   */
  public Latencies callEach(
      String prefix, int count, int concurrency, String method, Object... args) {
    IntFunction<Future<?>> call = i -> ref(prefix + i).call(method, args);
    return InFlight.run(vertx, count, concurrency, call);
  }

  /**
   * Hibernates every live instance and checks that none is left. An instance answers a call before
   * it counts the call as finished, so right after the last answer it may still be busy for a
   * moment and {@link AgentBus#hibernateIdle()} skips it: this retries until none is live.
   *
   * @throws IllegalStateException if instances are still live after 10 s
   */
  public void hibernateAll() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    AgentTestKit.hibernateIdle(agents).await();
    while (agents.liveInstances() != 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            agents.liveInstances() + " instances still live after hibernateIdle()");
      }
      sleep(5);
      AgentTestKit.hibernateIdle(agents).await();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops AgentBus and Vert.x and deletes the data directory. */
  @Override
  public void close() throws IOException {
    try {
      agents.close().await();
      vertx.close().await();
    } finally {
      deleteTree(dataDir);
    }
  }

  /**
   * Deletes a directory and everything in it; nothing if it does not exist.
   *
   * @param root the directory
   * @throws IOException if something cannot be deleted
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
