package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentRef;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge (raw WebSocket transport, {@code /eventbus/websocket}) keeps the runtime's own
 * headers to itself and closes a subscriber that reads nothing.
 */
class BridgeFlowTest extends GatewayTestBase {

  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

  private WebSocket bridge() {
    return wsClient
        .connect(
            new WebSocketConnectOptions()
                .setPort(port)
                .setHost("127.0.0.1")
                .setURI("/eventbus/websocket"))
        .map(
            ws -> {
              // the raw transport sends each message as a binary frame
              ws.binaryMessageHandler(data -> received.add(new JsonObject(data)));
              return ws;
            })
        .await();
  }

  private JsonObject next() throws InterruptedException {
    JsonObject message = received.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("nothing from the bridge within 5 s");
    }
    return message;
  }

  private static JsonObject send(String address, JsonObject headers) {
    return new JsonObject()
        .put("type", "send")
        .put("address", address)
        .put("replyAddress", "reply-1")
        .put("headers", headers)
        .put(
            "body",
            new JsonObject()
                .put("type", "rpc")
                .put("id", "1")
                .put("method", "increment")
                .put("args", new io.vertx.core.json.JsonArray().add(1)));
  }

  @Test
  void aClientMayNotSetTheRuntimesOwnHeaders() throws Exception {
    WebSocket socket = bridge();
    socket
        .writeTextMessage(
            send(
                    "agents.room-agent.b1",
                    new JsonObject().put("agentbus.stream", "agents.room-agent.victim"))
                .encode())
        .await();
    JsonObject refusal = next();
    assertEquals("err", refusal.getString("type"), refusal.encode());
    assertEquals("rejected", refusal.getString("body"));

    socket.writeTextMessage(send("agents.room-agent.b1", new JsonObject()).encode()).await();
    JsonObject answer = next();
    assertEquals(1, answer.getJsonObject("body").getInteger("result"), answer.encode());
    assertEquals(1, agents.liveInstances(), "the victim was never woken");
  }

  @Test
  void aSubscriberThatReadsNothingIsClosedAsTooSlow() throws Exception {
    WebSocket socket = bridge();
    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
    socket.closeHandler(ignored -> closed.tryComplete());
    socket
        .writeTextMessage(
            new JsonObject()
                .put("type", "register")
                .put("address", "agents-state.room-agent.b2")
                .encode())
        .await();
    // a send after the registration is answered after it has been made
    socket.writeTextMessage(send("agents.room-agent.b2", new JsonObject()).encode()).await();
    JsonObject message = next();
    while (!"reply-1".equals(message.getString("address"))) {
      message = next(); // the state broadcast of that call may come first
    }
    assertEquals(1, message.getJsonObject("body").getInteger("result"));
    received.clear();

    socket.pause();
    AgentRef room = agents.get("room-agent", "b2");
    int updates = 400; // 64 KiB each: more than the kernel's socket buffers take
    for (int i = 0; i < updates; i++) {
      room.call("pad", 64 * 1024).await();
    }
    socket.resume();
    closed.future().await(15, TimeUnit.SECONDS);
    // the close frame (1008) cannot pass what is queued before it: the client sees the socket end
    assertTrue(
        received.size() < updates,
        "closed before it got all " + updates + " states: " + received.size());
  }
}
