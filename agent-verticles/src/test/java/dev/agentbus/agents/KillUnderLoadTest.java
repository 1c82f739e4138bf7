package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 under WebSocket load, again and again on one data directory: clients add todos (a row and
 * a state change each) and increment counters over WebSockets, each waiting for its answer before
 * the next call; the application is killed with SIGKILL at a random moment; started again, it has
 * every write that was acknowledged. {@code -Dagentbus.kill.rounds=N} runs N rounds (5 in the
 * suite).
 */
class KillUnderLoadTest {

  private static final int ROUNDS = Integer.getInteger("agentbus.kill.rounds", 5);
  private static final int INSTANCES = 4;

  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = vertx.createHttpClient();

  /** What the application acknowledged, over all rounds. */
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();

  private final Map<String, Set<Long>> todos = new ConcurrentHashMap<>();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillMinus9AtARandomMoment() throws Exception {
    for (int round = 1; round <= ROUNDS; round++) {
      try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
        assertEverythingAcknowledgedIsThere(app, "before round " + round);
        WebSocketClient client =
            vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100));
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
          writers.add(new Writer(client, app.port, "counter-agent", "crash-" + i));
          writers.add(new Writer(client, app.port, "todo-agent", "crash-" + i));
        }
        Future.all(writers.stream().map(w -> w.firstAck.future()).toList()).await();
        int delayMs = ThreadLocalRandom.current().nextInt(1, 1500);
        vertx.timer(delayMs).await();
        app.kill();
        assertEquals(137, app.process.exitValue(), "killed by SIGKILL");
        Future.all(writers.stream().map(w -> w.ended.future()).toList()).await();
        System.out.printf(
            "kill -9: round %d, killed %4d ms after every socket had an answer; %,5d writes"
                + " acknowledged in the round%n",
            round, delayMs, writers.stream().mapToInt(w -> w.acknowledged).sum());
      }
    }
    try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
      assertEverythingAcknowledgedIsThere(app, "after the last round");
    }
  }

  /**
   * Each counter's state is at least its highest acknowledged count; each todo list has every
   * acknowledged item, and its state counts at least as many open items.
   */
  private void assertEverythingAcknowledgedIsThere(RunningApp app, String when) {
    counts.forEach(
        (name, acknowledged) -> {
          int count = stateOf(app, "counter-agent", name).getInteger("count");
          assertTrue(
              count >= acknowledged, when + ": " + name + " at " + count + " < " + acknowledged);
        });
    todos.forEach(
        (name, acknowledged) -> {
          Set<Long> stored =
              list(app, name).stream()
                  .map(todo -> ((JsonObject) todo).getLong("id"))
                  .collect(Collectors.toSet());
          assertTrue(
              stored.containsAll(acknowledged),
              when + ": todos of " + name + " lost: " + missing(acknowledged, stored));
          int open = stateOf(app, "todo-agent", name).getInteger("open");
          assertTrue(
              open >= acknowledged.size(),
              when
                  + ": "
                  + name
                  + " counts "
                  + open
                  + " open todos, "
                  + acknowledged.size()
                  + " were acknowledged");
        });
  }

  private JsonObject stateOf(RunningApp app, String agent, String name) {
    try (SocketClient client = new SocketClient(vertx, app.port, "/agents/" + agent + "/" + name)) {
      return client.next("cf_agent_state").getJsonObject("state");
    }
  }

  private static Set<Long> missing(Set<Long> acknowledged, Set<Long> stored) {
    return acknowledged.stream().filter(id -> !stored.contains(id)).collect(Collectors.toSet());
  }

  /** A todo list's items, over HTTP. */
  private JsonArray list(RunningApp app, String name) {
    String body =
        http.request(HttpMethod.GET, app.port, "127.0.0.1", "/agents/todo-agent/" + name)
            .compose(request -> request.send())
            .compose(response -> response.body())
            .await()
            .toString();
    return new JsonArray(body);
  }

  /**
   * One socket writing as fast as it is answered: a counter's increments, or todos; it records each
   * acknowledged write and ends when the socket does.
   */
  private final class Writer {
    final Promise<Void> firstAck = Promise.promise();
    final Promise<Void> ended = Promise.promise();
    private final String agent;
    private final String name;
    private WebSocket socket;
    private int calls;
    int acknowledged;

    Writer(WebSocketClient client, int port, String agent, String name) {
      this.agent = agent;
      this.name = name;
      client
          .connect(
              new WebSocketConnectOptions()
                  .setHost("127.0.0.1")
                  .setPort(port)
                  .setURI("/agents/" + agent + "/" + name))
          .onSuccess(
              ws -> {
                socket = ws;
                ws.textMessageHandler(this::received);
                ws.closeHandler(v -> ended.tryComplete());
                ws.exceptionHandler(e -> {});
                next();
              })
          .onFailure(e -> firstAck.tryFail(e));
    }

    private void next() {
      calls++;
      String id = name + "-" + calls;
      JsonArray args =
          agent.equals("counter-agent") ? new JsonArray().add(1) : new JsonArray().add(id);
      String method = agent.equals("counter-agent") ? "increment" : "add";
      socket.writeTextMessage(
          new JsonObject()
              .put("type", "rpc")
              .put("id", id)
              .put("method", method)
              .put("args", args)
              .encode());
    }

    private void received(String text) {
      JsonObject frame = new JsonObject(text);
      if (!"rpc".equals(frame.getString("type"))) {
        return;
      }
      if (!frame.getBoolean("success")) {
        firstAck.tryFail(frame.getString("error"));
        return;
      }
      if (agent.equals("counter-agent")) {
        counts.merge(name, frame.getInteger("result"), Math::max);
      } else {
        todos
            .computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
            .add(frame.getJsonObject("result").getLong("id"));
      }
      acknowledged++;
      firstAck.tryComplete();
      next();
    }
  }
}
