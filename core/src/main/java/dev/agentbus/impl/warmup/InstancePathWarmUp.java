package dev.agentbus.impl.warmup;

import dev.agentbus.Agent;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.Callable;
import dev.agentbus.impl.AgentBusImpl;
import dev.agentbus.spi.GatewayEvent;
import dev.agentbus.spi.HubConnectionBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one instance of a private agent through the paths every first call takes: activation (the
 * instance's verticle, context and rooms), a bus call that writes its state, a gateway frame
 * through a channel, hibernation and a wake from the file. It uses a runtime of its own on a
 * throwaway directory, so no agent of the application is activated and no file of it is touched.
 */
final class InstancePathWarmUp {

  private InstancePathWarmUp() {}

  /** The agent the warm-up activates. */
  public static final class WarmUpAgent extends Agent<WarmUpAgent.Count> {
    /**
     * The state.
     *
     * @param count a count
     */
    public record Count(int count) {}

    @Override
    public Count initialState() {
      return new Count(0);
    }

    /**
     * Adds one and persists it.
     *
     * @return the new count
     */
    @Callable
    public int increment() {
      setState(new Count(state().count() + 1));
      return state().count();
    }
  }

  /** A connection that answers into a future. */
  private static final class Answered extends HubConnectionBase {
    final CompletableFuture<String> answer = new CompletableFuture<>();

    Answered() {
      super("warm-up", "warm-up");
    }

    @Override
    public void send(String text) {
      answer.complete(text);
    }

    @Override
    public void send(Buffer data) {}

    @Override
    public void close(int code, String reason) {}

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void frameProcessed() {}
  }

  static void run(Vertx vertx, Path dataDir) throws Exception {
    Path dir = Files.createTempDirectory(dataDir.resolve(".agentbus"), "warm-up-runtime-");
    AgentBusImpl agents =
        new AgentBusImpl(
            vertx, new AgentBusOptions().setDataDir(dir.toString()), Clock.systemUTC());
    try {
      agents.register(WarmUpAgent.class);
      agents.get(WarmUpAgent.class, "one").call("increment").await();
      Answered connection = new Answered();
      agents
          .channel("warm-up-agent", "one", new JsonObject())
          .deliver(
              new GatewayEvent.Frame(
                  connection,
                  "{\"type\":\"rpc\",\"id\":\"1\",\"method\":\"increment\",\"args\":[]}"))
          .await();
      connection.answer.get(10, TimeUnit.SECONDS);
      agents.hibernateIdle().await();
      agents.get(WarmUpAgent.class, "one").call("increment").await();
    } finally {
      agents.close().await();
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
