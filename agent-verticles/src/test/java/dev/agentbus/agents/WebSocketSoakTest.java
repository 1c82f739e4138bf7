package dev.agentbus.agents;

import static dev.agentbus.testkit.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak: 10,000 WebSockets on the application (in a child JVM: client and server together need
 * more descriptors than the limit allows one process), spread over 100 counters, with a trickle of
 * calls whose state changes are broadcast to every socket of the counter. Instances hibernate after
 * 2 s idle and wake while their sockets stay open. Every call is answered and every broadcast
 * delivered; the server's heap after a full collection and its descriptors stay flat once the
 * sockets are open; after the sockets close and the instances hibernate, both are back at what they
 * were before the first socket. {@code -Dagentbus.soak.seconds=600} soaks longer ({@code
 * -Dagentbus.soak.sockets} sets the number of sockets).
 */
class WebSocketSoakTest {

  private static final int SOCKETS = Integer.getInteger("agentbus.soak.sockets", 10_000);
  private static final int SECONDS = Integer.getInteger("agentbus.soak.seconds", 15);
  private static final int COUNTERS = 100;
  private static final int CALLS_PER_SECOND = 20;
  private static final long SAMPLE_MS = 5_000;
  private static final long MB = 1024 * 1024;

  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();

  /** One socket: the counter it watches, the state broadcasts it received, its calls. */
  private static final class Watcher {
    final int counter;
    final AtomicInteger broadcasts = new AtomicInteger();
    final Promise<Void> ready = Promise.promise();
    final Map<String, Promise<JsonObject>> calls = new ConcurrentHashMap<>();
    WebSocket socket;

    Watcher(int counter) {
      this.counter = counter;
    }

    void received(String text) {
      JsonObject frame = new JsonObject(text);
      switch (frame.getString("type")) {
        case "cf_agent_mcp_servers" -> ready.tryComplete();
        case "cf_agent_state" -> {
          if (ready.future().isComplete()) {
            broadcasts.incrementAndGet(); // not the state sent on connect
          }
        }
        case "rpc" -> calls.remove(frame.getString("id")).tryComplete(frame);
        default -> {}
      }
    }
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void tenThousandSocketsHoldWithFlatHeapAndDescriptorsAndLeaveNothingBehind() throws Exception {
    try (RunningApp app = RunningApp.start(dataDir, Map.of("AGENTBUS_IDLE_TIMEOUT_MS", "2000"))) {
      long heapBefore = app.heapAfterGc(); // attaches JMX first: its socket is in the baseline
      RunningApp.Descriptors before = app.descriptors();
      report("before the first socket", heapBefore, before);

      WebSocketClient client =
          vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(SOCKETS));
      long openStart = System.nanoTime();
      List<Watcher> watchers = open(client, app.port);
      System.out.printf(
          "soak: %,d sockets open and ready in %.1f s%n",
          SOCKETS, (System.nanoTime() - openStart) / 1e9);

      AtomicIntegerArray increments = new AtomicIntegerArray(COUNTERS);
      AtomicLong sent = new AtomicLong();
      AtomicLong slowestMs = new AtomicLong();
      long trickle =
          vertx.setPeriodic(
              1000 / CALLS_PER_SECOND, id -> call(watchers, increments, sent, slowestMs));
      List<Long> heaps = new ArrayList<>();
      List<RunningApp.Descriptors> descriptors = new ArrayList<>();
      for (long elapsed = 0; elapsed < SECONDS * 1000L; elapsed += SAMPLE_MS) {
        vertx.timer(SAMPLE_MS).await();
        heaps.add(app.heapAfterGc());
        descriptors.add(app.descriptors());
        report(
            "soaking, " + (elapsed + SAMPLE_MS) / 1000 + " s",
            heaps.getLast(),
            descriptors.getLast());
      }
      vertx.cancelTimer(trickle);

      eventually(
          Duration.ofSeconds(30),
          () -> assertEquals(0, watchers.stream().mapToInt(w -> w.calls.size()).sum()));
      eventually(
          Duration.ofSeconds(30),
          () -> {
            for (Watcher watcher : watchers) {
              assertEquals(increments.get(watcher.counter), watcher.broadcasts.get());
            }
          });
      long broadcasts = watchers.stream().mapToLong(w -> w.broadcasts.get()).sum();
      System.out.printf(
          "soak: %,d calls answered (slowest %d ms), %,d broadcasts delivered%n",
          sent.get(), slowestMs.get(), broadcasts);

      Future.all(watchers.stream().map(w -> w.socket.close()).toList()).await();
      eventually(
          Duration.ofSeconds(60),
          () -> {
            RunningApp.Descriptors now = app.descriptors();
            assertTrue(now.sockets() <= before.sockets(), "sockets left open: " + now);
            assertTrue(now.others() <= before.others(), "files left open: " + now);
          });
      long heapAfter = app.heapAfterGc();
      report("closed and idle", heapAfter, app.descriptors());
      System.out.printf(
          "soak: %.1f KB of heap per open socket%n",
          (heaps.getFirst() - heapBefore) / 1024.0 / SOCKETS);

      // flat once open: no sample grows past the first by more than 5% (the GC's noise)
      long first = heaps.getFirst();
      for (long heap : heaps) {
        assertTrue(heap < first * 1.05 + 2 * MB, "heap grew while soaking: " + heaps);
      }
      int sockets = descriptors.getFirst().sockets();
      for (RunningApp.Descriptors d : descriptors) {
        assertEquals(sockets, d.sockets(), "sockets while soaking: " + descriptors);
        assertTrue(d.others() <= before.others() + 2 * COUNTERS, "files while soaking: " + d);
      }
      assertTrue(
          heapAfter < heapBefore + 8 * MB,
          "heap after closing and idling: " + heapAfter / MB + " MB, before: " + heapBefore / MB);
    }
  }

  /** Opens the sockets, 500 at a time, and waits until each has its connect frames. */
  private List<Watcher> open(WebSocketClient client, int port) {
    List<Watcher> watchers = new ArrayList<>();
    for (int from = 0; from < SOCKETS; from += 500) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(SOCKETS, from + 500); i++) {
        Watcher watcher = new Watcher(i % COUNTERS);
        watchers.add(watcher);
        batch.add(
            client
                .connect(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setURI("/agents/counter-agent/soak-" + watcher.counter))
                .compose(
                    socket -> {
                      watcher.socket = socket;
                      socket.textMessageHandler(watcher::received);
                      return watcher.ready.future();
                    }));
      }
      Future.all(batch).await();
    }
    return watchers;
  }

  /** One call of the trickle: increments a random socket's counter, timing its answer. */
  private static void call(
      List<Watcher> watchers,
      AtomicIntegerArray increments,
      AtomicLong sent,
      AtomicLong slowestMs) {
    Watcher watcher = watchers.get(ThreadLocalRandom.current().nextInt(watchers.size()));
    String id = "call-" + sent.incrementAndGet();
    long start = System.nanoTime();
    Promise<JsonObject> answer = Promise.promise();
    watcher.calls.put(id, answer);
    answer
        .future()
        .onSuccess(
            frame -> {
              if (Boolean.TRUE.equals(frame.getBoolean("success"))) {
                increments.incrementAndGet(watcher.counter);
              }
              slowestMs.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
            });
    watcher.socket.writeTextMessage(
        new JsonObject()
            .put("type", "rpc")
            .put("id", id)
            .put("method", "increment")
            .put("args", new io.vertx.core.json.JsonArray().add(1))
            .encode());
  }

  private static void report(String when, long heap, RunningApp.Descriptors descriptors) {
    System.out.printf(
        "soak: %-24s heap after GC %4d MB, %,6d sockets, %,4d other descriptors%n",
        when, heap / MB, descriptors.sockets(), descriptors.others());
  }
}
