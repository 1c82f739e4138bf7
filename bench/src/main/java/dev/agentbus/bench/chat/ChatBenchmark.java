package dev.agentbus.bench.chat;

import dev.agentbus.bench.BenchRuntime;
import dev.agentbus.bench.Figure;
import dev.agentbus.bench.Latencies;
import dev.agentbus.bench.Report;
import dev.agentbus.bench.gateway.ChildJvm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The chat benchmark (issue 13): chat turns over WebSockets against a node whose model is a fake
 * OpenAI-compatible server ({@link FakeModel}) that streams at a set pace and stamps every delta
 * with its number and the time it was written. The node ({@link ChatServerMain}) runs in a JVM of
 * its own; the fake model and the clients run in this one, so a delta's delay (model wrote it →
 * client read its frame) is one {@code System.nanoTime()} minus another, on one clock.
 *
 * <ol>
 *   <li>Steady streaming: {@code bench.chat.chats} chats (500) at once, each streaming {@code
 *       bench.chat.rate} deltas/s (20) for {@code bench.chat.seconds} (30): every chunk exactly
 *       once and in order, delay p50/p99/max, server CPU per chunk frame relayed; {@code
 *       bench.chat.rounds} rounds (2).
 *   <li>The reference's shape: 50 chats, 100 deltas 10 ms apart each: reply durations, chunk
 *       frames/s, CPU per chunk.
 *   <li>Time to first chunk added by AgentBus ({@link FirstChunk}).
 *   <li>Resume mid-reply ({@link ResumeRun}).
 * </ol>
 *
 * <p>Run with {@code ./agentbus bench chat}; {@code -Dbench.chat.seconds=5 -Dbench.chat.chats=50}
 * shortens it, {@code -Dbench.chat.scenarios=3,4} picks some.
 */
public final class ChatBenchmark {

  static final List<String> SERVER_FLAGS =
      List.of("-Xmx2g", "-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED");
  private static final int REF_CHATS = 50;
  private static final int REF_DELTAS = 100;
  private static final long REF_INTERVAL_MICROS = 10_000;

  /**
   * What the scenarios talk to.
   *
   * @param client the WebSocket client
   * @param port the node's gateway on 127.0.0.1
   * @param server the node's JVM
   * @param model the fake model
   */
  record Bench(WebSocketClient client, int port, ChildJvm server, FakeModel model) {

    /** Opens sockets on instances {@code prefix0 ..}, 64 connects at a time. */
    List<ChatSocket> open(String prefix, int count) {
      List<ChatSocket> sockets = new ArrayList<>(count);
      for (int from = 0; from < count; from += 64) {
        List<Future<ChatSocket>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + 64); i++) {
          batch.add(ChatSocket.open(client, port, prefix + i, frame -> {}));
        }
        for (Future<ChatSocket> socket : batch) {
          sockets.add(socket.await());
        }
      }
      return sockets;
    }

    /** Opens one socket that hands its resume frames on. */
    ChatSocket open(String name, Consumer<JsonObject> resumeFrames) {
      return ChatSocket.open(client, port, name, resumeFrames).await();
    }
  }

  private ChatBenchmark() {}

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args ignored; see the {@code bench.chat.*} properties
   * @throws Exception if the node cannot be started
   */
  public static void main(String[] args) throws Exception {
    long began = System.nanoTime();
    int chats = Integer.getInteger("bench.chat.chats", 500);
    int seconds = Integer.getInteger("bench.chat.seconds", 30);
    int rate = Integer.getInteger("bench.chat.rate", 20);
    int rounds = Integer.getInteger("bench.chat.rounds", 2);
    String scenarios = System.getProperty("bench.chat.scenarios", "all");
    System.out.println("# AgentBus chat benchmark");
    System.out.println();
    Report.environment();
    System.out.println("- Node: its own JVM, flags " + String.join(" ", SERVER_FLAGS));
    System.out.println(
        "- Model: a fake OpenAI-compatible server in this JVM (chat-completions SSE at a set pace),"
            + " clients: Vert.x WebSockets in this JVM; delays on this JVM's System.nanoTime()");
    System.out.println();
    Path logDir = Files.createTempDirectory("agentbus-chat-bench-logs-");
    Vertx vertx = Vertx.vertx();
    List<Figure> figures = new ArrayList<>();
    try {
      FakeModel model = FakeModel.start(vertx).await();
      WebSocketClient client =
          vertx.createWebSocketClient(
              new WebSocketClientOptions()
                  .setMaxConnections(chats + 100)
                  // the transcript frames of long replies (a reply of 2,000 deltas is ~50 KB)
                  .setMaxFrameSize(16 << 20)
                  .setMaxMessageSize(64 << 20));
      List<String> serverFlags = new ArrayList<>(SERVER_FLAGS);
      String extra = System.getProperty("bench.chat.serverFlags", "");
      if (!extra.isBlank()) {
        serverFlags.addAll(List.of(extra.trim().split("\\s+")));
      }
      try (ChildJvm server =
          ChildJvm.start(
              "chat-server", serverFlags, ChatServerMain.class, List.of(model.baseUrl()), logDir)) {
        int port = server.answer("start of the node", 60).getInteger("port");
        Bench bench = new Bench(client, port, server, model);
        Report.progress("node on port " + port + ", fake model at " + model.baseUrl());
        List<ChatSocket> sockets =
            bench.open("chat-", picked(scenarios, 2) ? Math.max(chats, REF_CHATS) : chats);
        Report.progress(sockets.size() + " sockets open; warm-up: one turn of 100 deltas each");
        Turns warm = Turns.run(sockets, 100, 10_000, 1_000_000_000L);
        Report.progress("warm-up: " + warm.exactlyOnce());
        if (picked(scenarios, 1)) {
          for (int round = 1; round <= rounds; round++) {
            figures.addAll(steady(bench, sockets.subList(0, chats), rate, seconds, round));
          }
        }
        if (picked(scenarios, 2)) {
          figures.addAll(reference(bench, sockets.subList(0, REF_CHATS)));
        }
        if (picked(scenarios, 3)) {
          figures.addAll(new FirstChunk(bench).run(Integer.getInteger("bench.chat.samples", 300)));
        }
        if (picked(scenarios, 4)) {
          figures.addAll(
              new ResumeRun(bench).run(Integer.getInteger("bench.chat.resumeChunks", 2000)));
        }
        for (ChatSocket socket : sockets) {
          socket.close();
        }
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    BenchRuntime.deleteTree(logDir);
    Report.table(figures, (System.nanoTime() - began) / 1e9);
  }

  private static boolean picked(String scenarios, int scenario) {
    return scenarios.equals("all") || List.of(scenarios.split(",")).contains("" + scenario);
  }

  /** Scenario 1: many chats streaming at a steady pace. */
  private static List<Figure> steady(
      Bench bench, List<ChatSocket> sockets, int rate, int seconds, int round) {
    int deltas = rate * seconds;
    long interval = 1_000_000L / rate;
    String label =
        String.format(
            Locale.ROOT,
            "1. %d chats × %d deltas (%d/s for %d s), round %d",
            sockets.size(),
            deltas,
            rate,
            seconds,
            round);
    Report.progress(label + ": running");
    CpuWindow cpu = CpuWindow.open(bench.server());
    Turns turns = Turns.run(sockets, deltas, interval, interval * 1000);
    cpu.close();
    Report.progress(label + ": " + turns.exactlyOnce());
    Report.progress("  " + cpu.steal());
    long frames = turns.frames();
    Latencies delays = turns.delays();
    double perChunk = cpu.serverNanos() / 1e3 / Math.max(1, frames);
    Report.progress("  server CPU per chunk frame by thread group: " + cpu.threadsPer(frames));
    return List.of(
        Figure.goal(
            label + ": every chunk exactly once, in order",
            turns.exactlyOnce(),
            "all",
            turns.complete() == sockets.size()),
        Figure.goal(
            label + ": delay, model wrote the delta → client read its frame",
            delays.summary(),
            "p99 < 50 ms",
            delays.count() > 0 && delays.percentileMillis(99) < 50),
        Figure.goal(
            label + ": server CPU per chunk frame relayed",
            String.format(Locale.ROOT, "%.1f µs", perChunk),
            "≤ 30 µs",
            perChunk <= 30),
        Figure.info(
            label + ": chunk frames/s; server CPU busy; load process CPU busy",
            String.format(
                Locale.ROOT,
                "%,.0f frames/s; %.2f cores; %.2f cores",
                frames / (cpu.wallNanos() / 1e9),
                cpu.serverNanos() / (double) cpu.wallNanos(),
                cpu.loadNanos() / (double) cpu.wallNanos())));
  }

  /** Scenario 2: the reference's shape, 50 chats of 100 deltas 10 ms apart. */
  private static List<Figure> reference(Bench bench, List<ChatSocket> sockets) {
    String label =
        String.format(
            Locale.ROOT,
            "2. %d chats × %d deltas 10 ms apart (model's pace %.2f s)",
            sockets.size(),
            REF_DELTAS,
            (REF_DELTAS - 1) * REF_INTERVAL_MICROS / 1e6);
    Report.progress(label + ": running");
    CpuWindow cpu = CpuWindow.open(bench.server());
    Turns turns = Turns.run(sockets, REF_DELTAS, REF_INTERVAL_MICROS, 0);
    cpu.close();
    Report.progress(label + ": " + turns.exactlyOnce());
    Report.progress("  " + cpu.steal());
    long frames = turns.frames();
    double perChunk = cpu.serverNanos() / 1e3 / Math.max(1, frames);
    Latencies durations = turns.durations();
    Latencies first = turns.firstChunks();
    return List.of(
        Figure.goal(
            label + ": every chunk exactly once, in order",
            turns.exactlyOnce(),
            "all",
            turns.complete() == sockets.size()),
        Figure.info(
            label + ": reply duration, request sent → terminal frame",
            durations.summary(),
            "Agents SDK on workerd: 6–7× the model's pace"),
        Figure.info(
            label + ": chunk frames/s (all chats, first request → last terminal frame)",
            String.format(Locale.ROOT, "%,.0f frames/s", frames / (cpu.wallNanos() / 1e9)),
            "Agents SDK on workerd: 786 frames/s at one full core"),
        Figure.info(
            label + ": server CPU per chunk frame relayed",
            String.format(Locale.ROOT, "%.1f µs", perChunk),
            "Agents SDK on workerd: ~1.3 ms"),
        Figure.info(
            label + ": time to first chunk, request sent → first text-delta frame",
            first.summary(),
            "Agents SDK on workerd: 540 ms"));
  }
}
