package dev.agentbus.agents;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client of the gateway that queues the JSON frames it receives. */
final class SocketClient implements AutoCloseable {

  // Held for the socket's lifetime: Vert.x closes a client that is no longer referenced.
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private int markers;

  SocketClient(Vertx vertx, int port, String uri) {
    client = vertx.createWebSocketClient();
    socket =
        client
            .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri))
            .map(
                ws -> {
                  ws.textMessageHandler(text -> received.add(new JsonObject(text)));
                  return ws;
                })
            .await();
  }

  /** The next frame. */
  JsonObject next() {
    try {
      JsonObject frame = received.poll(5, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within 5 s");
      }
      return frame;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next frame of a type, skipping others. */
  JsonObject next(String type) {
    for (int i = 0; i < 100; i++) {
      JsonObject frame = next();
      if (type.equals(frame.getString("type"))) {
        return frame;
      }
    }
    throw new AssertionError("no " + type + " frame");
  }

  /**
   * Asserts that nothing reached this socket so far: the answer to a call of {@code method} (one
   * that changes nothing) must be the very next frame, as the instance sends this socket anything
   * it sent before that answer.
   */
  void assertNothingReceived(String why, String method, Object... args) {
    String id = "marker-" + (++markers);
    sendRpc(id, method, args);
    JsonObject next = next();
    if (!"rpc".equals(next.getString("type")) || !id.equals(next.getString("id"))) {
      throw new AssertionError(why + "; got " + next.encode());
    }
  }

  /** Waits for the connect frames, the last of which is the MCP servers frame. */
  SocketClient ready() {
    next("cf_agent_mcp_servers");
    return this;
  }

  void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode()).await();
  }

  /** Sends an {@code rpc} frame and returns its answer. */
  JsonObject call(String id, String method, Object... args) {
    sendRpc(id, method, args);
    return next("rpc");
  }

  private void sendRpc(String id, String method, Object... args) {
    send(
        new JsonObject()
            .put("type", "rpc")
            .put("id", id)
            .put("method", method)
            .put("args", new JsonArray(List.of(args))));
  }

  /** Sends a state as a client. */
  void sendState(JsonObject state) {
    send(new JsonObject().put("type", "cf_agent_state").put("state", state));
  }

  @Override
  public void close() {
    socket.close().await();
    client.close().await();
  }
}
