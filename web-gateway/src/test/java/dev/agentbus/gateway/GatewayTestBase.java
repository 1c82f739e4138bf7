package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A runtime and a standalone gateway on a free port, with real socket clients. */
@ExtendWith(VertxExtension.class)
abstract class GatewayTestBase {

  @TempDir Path dataDir;
  Vertx vertx;
  AgentBus agents;
  AgentGateway gateway;
  int port;
  WebSocketClient wsClient;
  HttpClient http;

  GatewayOptions gatewayOptions() {
    return new GatewayOptions().setPort(0).setHost("127.0.0.1");
  }

  @BeforeEach
  void startGateway(Vertx vertx) {
    this.vertx = vertx;
    RoomAgent.reset();
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agents.register(RoomAgent.class);
    gateway = AgentGateway.create(vertx, agents, gatewayOptions());
    port = gateway.listen(null).await().actualPort();
    wsClient = vertx.createWebSocketClient();
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stopGateway() {
    gateway.close().await();
    agents.close().await();
  }

  private final AtomicInteger markers = new AtomicInteger();

  /** A WebSocket client that queues what it receives. */
  final class Client {
    final WebSocket socket;
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    volatile Short closeCode;

    /** Completes with the close code when the socket has closed. */
    final Promise<Short> closed = Promise.promise();

    private final AtomicInteger pings = new AtomicInteger();
    private final Map<Integer, Promise<Void>> nthPing = new ConcurrentHashMap<>();

    Client(String uri) {
      // handlers are set as the handshake completes, before any frame can be delivered
      socket =
          wsClient
              .connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(uri))
              .map(
                  ws -> {
                    ws.textMessageHandler(received::add);
                    ws.binaryMessageHandler(received::add);
                    ws.frameHandler(
                        frame -> {
                          if (frame.type() == WebSocketFrameType.PING) {
                            nthPing(pings.incrementAndGet()).tryComplete();
                          }
                        });
                    ws.closeHandler(
                        v -> {
                          closeCode = ws.closeStatusCode();
                          closed.tryComplete(closeCode);
                        });
                    return ws;
                  })
              .await();
    }

    JsonObject next() {
      Object frame = poll();
      if (!(frame instanceof String text)) {
        throw new AssertionError("expected a text frame, got " + frame);
      }
      return new JsonObject(text);
    }

    /** The next frame of a type, skipping others. */
    JsonObject next(String type) {
      for (int i = 0; i < 100; i++) {
        if (poll() instanceof String text && text.startsWith("{")) {
          JsonObject frame = new JsonObject(text);
          if (type.equals(frame.getString("type"))) {
            return frame;
          }
        }
      }
      throw new AssertionError("no " + type + " frame");
    }

    Object poll() {
      try {
        Object frame = received.poll(5, TimeUnit.SECONDS);
        if (frame == null) {
          throw new AssertionError("nothing received within 5 s");
        }
        return frame;
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    /**
     * Calls a method and returns the very next frame, which must be the call's answer: anything the
     * instance sent this socket before it would come first.
     */
    JsonObject nextAnswer(String id, String method, Object... args) {
      sendRpc(id, method, args);
      JsonObject answer = next();
      assertEquals("rpc", answer.getString("type"), "expected the answer to " + id + ": " + answer);
      assertEquals(id, answer.getString("id"), "expected the answer to " + id + ": " + answer);
      return answer;
    }

    /**
     * Asserts that nothing reached this socket so far: an echo call's answer, which the instance
     * sends after anything it sent before, is the very next frame.
     */
    void assertNothingReceived(String why) {
      String marker = "marker-" + markers.incrementAndGet();
      sendRpc(marker, "echo", marker);
      Object next = poll();
      JsonObject answer =
          new JsonObject()
              .put("type", "rpc")
              .put("id", marker)
              .put("success", true)
              .put("result", marker)
              .put("done", true);
      assertTrue(
          next instanceof String text
              && text.startsWith("{")
              && answer.equals(new JsonObject(text)),
          why + "; got " + next);
    }

    private Promise<Void> nthPing(int n) {
      return nthPing.computeIfAbsent(n, k -> Promise.promise());
    }

    /** Waits until the socket has received (and, by itself, answered) {@code n} pings. */
    void awaitPings(int n) {
      try {
        nthPing(n).future().await(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError(pings + " pings within 5 s, not " + n, e);
      }
    }

    /** Waits for the socket to close and returns its close code. */
    short awaitClose() {
      try {
        return closed.future().await(5, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("the socket did not close within 5 s", e);
      }
    }

    void send(String text) {
      socket.writeTextMessage(text).await();
    }

    void send(Buffer data) {
      socket.writeBinaryMessage(data).await();
    }

    void sendJson(JsonObject frame) {
      send(frame.encode());
    }

    /** Skips the connect frames (identity, state, MCP servers). */
    Client ready() {
      next("cf_agent_mcp_servers");
      return this;
    }

    JsonObject call(String id, String method, Object... args) {
      sendRpc(id, method, args);
      return next("rpc");
    }

    void sendRpc(String id, String method, Object... args) {
      sendJson(
          new JsonObject()
              .put("type", "rpc")
              .put("id", id)
              .put("method", method)
              .put("args", new io.vertx.core.json.JsonArray(java.util.List.of(args))));
    }

    void close() {
      socket.close().await();
    }
  }
}
