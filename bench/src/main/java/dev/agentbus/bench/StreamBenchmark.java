package dev.agentbus.bench;

import dev.agentbus.bench.gateway.ChildJvm;
import dev.agentbus.bench.gateway.ServerMain;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming benchmark: a streaming callable ({@code countTo(n)} of the counter agent) read over
 * WebSockets by clients that take every chunk as fast as they can. It prints the chunks per second
 * of one stream, AgentBus against a ceiling (a bare Vert.x server writing the same frames at its
 * socket's pace, {@code CeilingServer}), alternating, and the server's memory (heap after a full
 * GC, and resident set) while 100 clients each stream {@code bench.chunks} chunks (default
 * 1,000,000): flat if the streams wait for their sockets.
 *
 * <p>Run with {@code ./agentbus bench streams}; {@code -Dbench.chunks=100000} shortens it.
 */
public final class StreamBenchmark {

  private static final List<String> SERVER_FLAGS =
      List.of("-Xmx2g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED");
  private static final int CLIENTS = 100;
  private static final String TABLE_HEAD =
      "| server | chunks/s (all) | live heap after a full GC: before, max during, after (MB)"
          + " | resident set: before, max during, after (MB) |\n|---|---|---|---|";

  private StreamBenchmark() {}

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args ignored; see {@code bench.chunks}
   * @throws Exception if a server cannot be started
   */
  public static void main(String[] args) throws Exception {
    long chunks = Long.getLong("bench.chunks", 1_000_000);
    System.out.println("# AgentBus streaming benchmark");
    System.out.println();
    Report.environment();
    System.out.println("- Servers: each in its own JVM, flags " + String.join(" ", SERVER_FLAGS));
    System.out.println("- Clients: this JVM, Vert.x WebSocket clients, every chunk read");
    System.out.println();
    Path logDir = Files.createTempDirectory("agentbus-stream-bench-logs-");
    Vertx vertx = Vertx.vertx();
    WebSocketClient client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(CLIENTS * 2));
    try (ChildJvm ceiling = server("ceiling", logDir);
        ChildJvm agentbus = server("agentbus", logDir);
        ChildJvm unbounded =
            ChildJvm.start(
                "unbounded",
                List.of("-Xmx4g", "-XX:+UseParallelGC", "-Dbench.unbounded=true"),
                ServerMain.class,
                List.of("agentbus"),
                logDir)) {
      int ceilingPort = ceiling.answer("start of the ceiling", 60).getInteger("port");
      int agentbusPort = agentbus.answer("start of AgentBus", 60).getInteger("port");
      int unboundedPort = unbounded.answer("start of unbounded AgentBus", 60).getInteger("port");
      stream(client, ceilingPort, 1, chunks / 10); // warm-up
      stream(client, agentbusPort, 1, chunks / 10);
      System.out.println("## One stream of " + chunks + " chunks (chunks/s)");
      System.out.println();
      System.out.println("| run | ceiling | AgentBus |");
      System.out.println("|---|---|---|");
      for (int round = 1; round <= 3; round++) {
        double bare = stream(client, ceilingPort, 1, chunks);
        double ours = stream(client, agentbusPort, 1, chunks);
        System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f |%n", round, bare, ours);
      }
      System.out.println();
      System.out.println("## " + CLIENTS + " streams of " + chunks + " chunks each");
      System.out.println();
      System.out.println(TABLE_HEAD);
      for (var server :
          List.of(
              new Server("ceiling", ceiling, ceilingPort),
              new Server("AgentBus", agentbus, agentbusPort))) {
        System.out.println(manyStreams(client, server, chunks));
      }
      long fewer = Math.min(chunks, 100_000);
      System.out.println();
      System.out.println(
          "Without back-pressure (AgentBus with streamBufferBytes and maxQueuedBytes at 2 GiB, as"
              + " before back-pressure; -Xmx4g), "
              + CLIENTS
              + " streams of "
              + fewer
              + " chunks each, then AgentBus again:");
      System.out.println();
      System.out.println(TABLE_HEAD);
      System.out.println(
          manyStreams(client, new Server("unbounded", unbounded, unboundedPort), fewer));
      System.out.println(
          manyStreams(client, new Server("AgentBus", agentbus, agentbusPort), fewer));
    } finally {
      vertx.close().await();
    }
    BenchRuntime.deleteTree(logDir);
  }

  private record Server(String label, ChildJvm jvm, int port) {}

  private static ChildJvm server(String kind, Path logDir) throws Exception {
    return ChildJvm.start(kind, SERVER_FLAGS, ServerMain.class, List.of(kind), logDir);
  }

  /** Runs {@code streams} streams of {@code n} chunks at once; returns all chunks per second. */
  private static double stream(WebSocketClient client, int port, int streams, long n)
      throws java.util.concurrent.TimeoutException {
    AtomicLong received = new AtomicLong();
    List<Future<Void>> done = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      done.add(oneStream(client, port, "stream-" + i, n, received));
    }
    Future.all(done).await(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (received.get() != streams * n) {
      throw new IllegalStateException(received.get() + " chunks, not " + streams * n);
    }
    return received.get() / seconds;
  }

  private static Future<Void> oneStream(
      WebSocketClient client, int port, String name, long n, AtomicLong received) {
    Promise<Void> done = Promise.promise();
    client
        .connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/agents/counter-agent/" + name))
        .onFailure(done::tryFail)
        .onSuccess(
            socket -> {
              socket.textMessageHandler(
                  text -> {
                    if (!text.startsWith("{\"type\":\"rpc\"")) {
                      return; // the connect frames
                    }
                    if (text.contains("\"done\":true")) {
                      socket.close();
                      done.tryComplete();
                    } else {
                      received.incrementAndGet();
                    }
                  });
              socket.writeTextMessage(
                  new JsonObject()
                      .put("type", "rpc")
                      .put("id", "s")
                      .put("method", "countTo")
                      .put("args", new io.vertx.core.json.JsonArray().add(n))
                      .encode());
            });
    return done.future();
  }

  private static String manyStreams(WebSocketClient client, Server server, long chunks)
      throws Exception {
    JsonObject before = server.jvm().command("live", 60);
    double[] maxHeap = {0};
    double[] maxRss = {0};
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    JsonObject now = server.jvm().command("live", 60);
                    maxHeap[0] = Math.max(maxHeap[0], now.getLong("heapLive"));
                    maxRss[0] = Math.max(maxRss[0], now.getLong("rss"));
                    try {
                      Thread.sleep(2000);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    double rate = stream(client, server.port(), CLIENTS, chunks);
    running.set(false); // the sampler ends after its current reading (commands stay in step)
    sampler.join();
    JsonObject after = server.jvm().command("live", 60);
    return String.format(
        Locale.ROOT,
        "| %s | %,.0f | %.0f, %.0f, %.0f | %.0f, %.0f, %.0f |",
        server.label(),
        rate,
        mb(before.getLong("heapLive")),
        mb(maxHeap[0]),
        mb(after.getLong("heapLive")),
        mb(before.getLong("rss")),
        mb(maxRss[0]),
        mb(after.getLong("rss")));
  }

  private static double mb(double bytes) {
    return bytes / (1024 * 1024);
  }
}
