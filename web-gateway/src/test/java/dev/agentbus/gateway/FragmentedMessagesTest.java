package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.Test;

/** Messages that come in several frames: assembled whole, or refused whole when too big. */
class FragmentedMessagesTest extends GatewayTestBase {

  @Test
  void aTextMessageWhoseFirstFragmentIsEmptyArrivesWhole() {
    Client client = new Client("/agents/room-agent/fragments").ready();
    client.socket.writeFrame(WebSocketFrame.textFrame("", false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("ab"), false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("c"), true)).await();
    assertEquals("echo:abc", client.poll());
    assertEquals("ok", client.call("1", "echo", "ok").getString("result"), "the socket is usable");
  }

  @Test
  void aBinaryMessageWhoseFirstFragmentIsEmptyArrivesWhole() {
    Client client = new Client("/agents/room-agent/fragments").ready();
    client.socket.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(), false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("abc"), true)).await();
    assertEquals("echo:binary:3", client.poll());
    assertEquals("ok", client.call("1", "echo", "ok").getString("result"), "the socket is usable");
  }

  @Test
  void aMessageOverTheLimitInFragmentsIsDroppedAndNothingFollowsTheCloseFrame() {
    Client client = new Client("/agents/room-agent/fragments").ready();
    String half = "x".repeat(GatewayDefaults.DEFAULT_MAX_MESSAGE_BYTES / 2);
    client.socket.writeFrame(WebSocketFrame.textFrame(half, false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(half), false));
    client.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("!"), true));
    client.sendRpc("after", "echo", "after the close");
    assertEquals((short) 1009, client.awaitClose());
    assertTrue(
        client.received.isEmpty(),
        "after its close frame the gateway sent nothing; got " + client.received);
    assertTrue(
        RoomAgent.EVENTS.stream().noneMatch(event -> event.startsWith("message ")),
        "the message never reached the agent");
  }
}
