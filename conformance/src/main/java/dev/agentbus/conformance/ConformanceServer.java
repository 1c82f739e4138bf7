package dev.agentbus.conformance;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The conformance server: AgentBus with the Agents SDK browser suite's two test agents ({@link
 * TestStateAgent}, {@link TestCallableAgent}), fresh empty state in a temporary directory, CORS on,
 * on 127.0.0.1:18787 by default. Besides {@code /agents/{agent}/{name}[/rest]} it routes two paths
 * of its own to {@code TestStateAgent}, as any application may: {@code /custom-state/{name}} to
 * instance {@code {name}} and {@code /user} to instance {@code auth-user}.
 *
 * <p>Run: {@code ./agentbus conformance [--port N]} (see docs/conformance.md).
 */
public final class ConformanceServer {

  /** The port the suite expects. */
  public static final int DEFAULT_PORT = 18787;

  private final Vertx vertx;
  private final Path dataDir;
  private final AgentBus agents;
  private final AgentGateway gateway;
  private HttpServer http;

  private ConformanceServer(Vertx vertx, Path dataDir, AgentBusOptions options, int port) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.agents =
        AgentBus.create(vertx, options.setDataDir(dataDir.toString()))
            .register(TestStateAgent.class)
            .register(TestCallableAgent.class);
    this.gateway =
        AgentGateway.create(
            vertx, agents, new GatewayOptions().setHost("127.0.0.1").setPort(port).setCors(true));
  }

  /**
   * Starts a conformance server with fresh state.
   *
   * @param vertx the Vert.x instance to run on
   * @param port the port, 0 for any free one
   * @param options runtime options (the data directory is replaced by a fresh temporary one)
   * @return the running server
   */
  public static Future<ConformanceServer> start(Vertx vertx, int port, AgentBusOptions options) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("agentbus-conformance-");
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    ConformanceServer server = new ConformanceServer(vertx, dataDir, options, port);
    Router router = Router.router(vertx);
    router
        .route("/custom-state/:name")
        .handler(ctx -> server.gateway.handle(ctx, "test-state-agent", ctx.pathParam("name"), ""));
    router
        .route("/user")
        .handler(ctx -> server.gateway.handle(ctx, "test-state-agent", "auth-user", ""));
    return server
        .gateway
        .listen(router)
        .map(
            listening -> {
              server.http = listening;
              return server;
            });
  }

  /** The port the server listens on. */
  public int port() {
    return http.actualPort();
  }

  /**
   * Stops the server and deletes its state.
   *
   * @return completes when everything is closed and deleted
   */
  public Future<Void> close() {
    return gateway
        .close()
        .compose(ignored -> agents.close())
        .andThen(ignored -> deleteTree(dataDir));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the server until the process is stopped.
   *
   * @param args {@code [--port N]}; the environment variable {@code AGENTBUS_CONFORMANCE_PORT} also
   *     sets the port
   */
  public static void main(String[] args) {
    int port = DEFAULT_PORT;
    String fromEnv = System.getenv("AGENTBUS_CONFORMANCE_PORT");
    if (fromEnv != null && !fromEnv.isBlank()) {
      port = Integer.parseInt(fromEnv.trim());
    }
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else {
        throw new IllegalArgumentException("Usage: conformance [--port N]; got " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx();
    ConformanceServer server =
        start(vertx, port, new AgentBusOptions().setIdleTimeoutMs(600_000)).await();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close().await();
                  vertx.close().await();
                }));
    System.out.println(
        "AgentBus conformance server on http://127.0.0.1:"
            + server.port()
            + " (agents "
            + server.agents.agentNames()
            + ", state in "
            + server.dataDir
            + ", deleted at exit)");
  }
}
