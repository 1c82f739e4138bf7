package dev.agentbus.bench.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The gateway benchmark's load client, in a JVM of its own: Vert.x with one event loop, its
 * WebSocket and HTTP clients. Each run prints one JSON line: {@code scenario, ops, seconds, rate,
 * unit, clientCpuNanos, loopCpuNanos, errors} and the scenario's own figures, or {@code
 * {"error":...}}.
 *
 * <p>Standalone: {@code java -cp CLASSPATH dev.agentbus.bench.gateway.LoadClient SCENARIO PORT
 * [COUNT [TAG]]} runs one scenario against a server on 127.0.0.1 ({@code idle-10k} holds its
 * sockets only until it has printed). Without arguments it serves commands on standard input:
 * {@code run SCENARIO PORT COUNT TAG}, {@code release} (closes the sockets of the last {@code
 * idle-10k}), {@code cpu} (CPU time by thread group, see {@link ThreadCpu}) and {@code quit}, so
 * that one JVM, warmed up once, serves a whole benchmark.
 *
 * <p>Scenarios: {@code echo-seq} (one socket, one call at a time), {@code echo-64} (one socket, 64
 * calls in flight), {@code broadcast} (increment on one socket with 16 calls in flight, 10 other
 * sockets receiving the state), {@code http-get} (32 keep-alive connections), {@code connect-new}
 * (16 at a time: connect to a new instance, state frame, close) and {@code idle-10k} (COUNT sockets
 * over 100 instances, 64 connects at a time, held) and {@code post-new} (HTTP {@code POST} to a new
 * instance each, 16 in flight: an instance and its SQLite file per request).
 */
public final class LoadClient {

  private final Vertx vertx;
  private final Context context;
  private final WebSocketClient webSockets;
  private final HttpClientAgent http;
  private IdleHold holding;

  private LoadClient() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    context = vertx.getOrCreateContext();
    webSockets =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(100_000).setConnectTimeout(30_000));
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
  }

  /**
   * Runs one scenario, or serves commands.
   *
   * @param args {@code SCENARIO PORT [COUNT [TAG]]}, or none
   * @throws Exception if reading standard input fails
   */
  public static void main(String[] args) throws Exception {
    LoadClient client = new LoadClient();
    if (args.length >= 2) {
      int count = args.length > 2 ? Integer.parseInt(args[2]) : defaultCount(args[0]);
      String tag = args.length > 3 ? args[3] : "cli" + ProcessHandle.current().pid();
      print(client.run(args[0], Integer.parseInt(args[1]), count, tag));
      if (client.holding != null) {
        print(client.release());
      }
      System.exit(0);
    }
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] words = line.trim().split("\\s+");
        switch (words[0]) {
          case "run" ->
              print(
                  client.run(
                      words[1], Integer.parseInt(words[2]), Integer.parseInt(words[3]), words[4]));
          case "release" -> print(client.release());
          case "cpu" -> print(new JsonObject().put("threads", ThreadCpu.byGroup()));
          case "quit" -> System.exit(0);
          default -> print(new JsonObject().put("error", "unknown command: " + line));
        }
      }
    }
    System.exit(0);
  }

  private static int defaultCount(String scenario) {
    return switch (scenario) {
      case "echo-seq" -> 20_000;
      case "echo-64", "http-get" -> 200_000;
      case "broadcast" -> 20_000;
      case "connect-new" -> 5_000;
      default -> 10_000;
    };
  }

  private JsonObject run(String scenario, int port, int count, String tag) {
    Endpoint endpoint = new Endpoint(vertx, webSockets, http, port);
    Function<Endpoint, LoadRun> load =
        switch (scenario) {
          case "echo-seq" -> e -> new EchoLoad(e, scenario, "echo", tag, count, 1);
          case "echo-64" -> e -> new EchoLoad(e, scenario, "echo", tag, count, 64);
          case "broadcast" -> e -> new BroadcastLoad(e, "bcast-" + tag, tag, count, 10, 16);
          case "http-get" -> e -> new HttpLoad(e, "http", count, 32);
          case "connect-new" -> e -> new ConnectLoad(e, "new-" + tag, count, 16);
          case "idle-10k" -> e -> holding = new IdleHold(e, "idle-" + tag, count, 100, 64);
          case "post-new" -> e -> new PostNewLoad(e, "d-" + tag, count, 16);
          default -> null;
        };
    if (load == null) {
      return new JsonObject().put("error", "unknown scenario: " + scenario);
    }
    return onLoop(() -> load.apply(endpoint).start());
  }

  private JsonObject release() {
    IdleHold hold = holding;
    holding = null;
    return hold == null ? new JsonObject().put("released", 0) : onLoop(hold::release);
  }

  /** Runs work on the event loop and waits for its result; a failure becomes {@code error}. */
  private JsonObject onLoop(java.util.function.Supplier<Future<JsonObject>> work) {
    Promise<JsonObject> result = Promise.promise();
    context.runOnContext(ignored -> work.get().onComplete(result));
    try {
      return result.future().toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new JsonObject().put("error", String.valueOf(cause.getMessage()));
    }
  }

  private static void print(JsonObject json) {
    System.out.println(json.encode());
    System.out.flush();
  }
}
