package dev.agentbus.conformance;

import dev.agentbus.AgentBusOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A conformance server on a free port, and the HTTP and WebSocket clients of a test. */
@ExtendWith(VertxExtension.class)
abstract class ConformanceTestBase {

  Vertx vertx;
  ConformanceServer server;
  HttpClient http;

  @BeforeEach
  void startServer(Vertx vertx) {
    this.vertx = vertx;
    // hang() never answers: do not wait for it at shutdown
    server =
        ConformanceServer.start(vertx, 0, new AgentBusOptions().setShutdownTimeoutMs(200)).await();
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stopServer() {
    server.close().await();
  }

  /** An HTTP exchange with the server, its body read whole. */
  record Reply(int status, io.vertx.core.MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  Reply request(HttpMethod method, String uri, String body) {
    return http.request(
            new RequestOptions()
                .setMethod(method)
                .setHost("127.0.0.1")
                .setPort(server.port())
                .setURI(uri)
                .setConnectTimeout(15_000)
                .setIdleTimeout(15_000))
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(
            (HttpClientResponse response) ->
                response
                    .body()
                    .map(
                        data ->
                            new Reply(response.statusCode(), response.headers(), data.toString())))
        .await();
  }

  Reply get(String uri) {
    return request(HttpMethod.GET, uri, null);
  }

  /** A WebSocket to the server that keeps every text frame it receives, in order. */
  final class Socket {
    // Held for the socket's lifetime: Vert.x closes a client that is no longer referenced, which
    // closed some handshakes before they completed.
    final WebSocketClient client;
    final WebSocket webSocket;
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private int calls;

    Socket(String uri) {
      client = vertx.createWebSocketClient();
      webSocket =
          client
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("127.0.0.1")
                      .setPort(server.port())
                      .setURI(uri))
              .map(
                  ws -> {
                    ws.textMessageHandler(frames::add);
                    return ws;
                  })
              .await();
    }

    /** The next frame, within 5 s. */
    JsonObject next() {
      try {
        String text = frames.poll(5, TimeUnit.SECONDS);
        if (text == null) {
          throw new AssertionError("no frame within 5 s");
        }
        return new JsonObject(text);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    /** The next frame of a type, skipping others. */
    JsonObject next(String type) {
      for (int i = 0; i < 50; i++) {
        JsonObject frame = next();
        if (type.equals(frame.getString("type"))) {
          return frame;
        }
      }
      throw new AssertionError("no " + type + " frame among 50");
    }

    /** Sends an rpc frame; returns its id. */
    String send(String method, Object... args) {
      String id = "call-" + (++calls);
      webSocket
          .writeTextMessage(
              new JsonObject()
                  .put("type", "rpc")
                  .put("id", id)
                  .put("method", method)
                  .put("args", new JsonArray(List.of(args)))
                  .encode())
          .await();
      return id;
    }

    /** Calls a method and returns its final answer frame (after any chunks). */
    JsonObject call(String method, Object... args) {
      String id = send(method, args);
      while (true) {
        JsonObject frame = next("rpc");
        if (id.equals(frame.getString("id")) && !Boolean.FALSE.equals(frame.getBoolean("done"))) {
          return frame;
        }
      }
    }

    void sendState(JsonObject state) {
      webSocket
          .writeTextMessage(
              new JsonObject().put("type", "cf_agent_state").put("state", state).encode())
          .await();
    }

    void close() {
      webSocket.close().await();
      client.close().await();
    }
  }
}
