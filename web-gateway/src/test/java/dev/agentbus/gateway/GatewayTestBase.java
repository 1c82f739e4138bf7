package dev.agentbus.gateway;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    RoomAgent.EVENTS.clear();
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

  /** A WebSocket client that queues what it receives. */
  final class Client {
    final WebSocket socket;
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    volatile Short closeCode;

    Client(String uri) {
      // handlers are set as the handshake completes, before any frame can be delivered
      socket =
          wsClient
              .connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(uri))
              .map(
                  ws -> {
                    ws.textMessageHandler(received::add);
                    ws.binaryMessageHandler(received::add);
                    ws.closeHandler(v -> closeCode = ws.closeStatusCode());
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

    Object pollQuietly(long millis) throws InterruptedException {
      return received.poll(millis, TimeUnit.MILLISECONDS);
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
      sendJson(
          new JsonObject()
              .put("type", "rpc")
              .put("id", id)
              .put("method", method)
              .put("args", new io.vertx.core.json.JsonArray(java.util.List.of(args))));
      return next("rpc");
    }

    void close() {
      socket.close().await();
    }
  }
}
