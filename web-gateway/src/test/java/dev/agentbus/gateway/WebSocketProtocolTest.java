package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketProtocolTest extends GatewayTestBase {

  @Test
  void connectFramesComeInOrderThenOnConnectRuns() {
    Client client = new Client("/agents/room-agent/lobby/sub/path?_pk=client-1");
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_identity")
            .put("name", "lobby")
            .put("agent", "room-agent")
            .put("stateFollows", true),
        client.next());
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_state")
            .put("state", new JsonObject().put("count", 0)),
        client.next());
    assertEquals("cf_agent_mcp_servers", client.next().getString("type"));
    assertEquals(
        new JsonObject().put("path", "/sub/path"),
        client.call("1", "myConnectionState").getValue("result"));
    assertTrue(RoomAgent.EVENTS.contains("connect client-1 /sub/path"));
  }

  @Test
  void rpcAnswersResultsErrorsAndStreams() {
    Client client = new Client("/agents/room-agent/rpc").ready();
    assertEquals(
        new JsonObject()
            .put("type", "rpc")
            .put("id", "a")
            .put("success", true)
            .put("result", 3)
            .put("done", true),
        client.call("a", "increment", 3));
    assertEquals("Method nope does not exist", client.call("b", "nope").getString("error"));
    assertEquals(
        "Method onRequest is not callable", client.call("c", "onRequest").getString("error"));
    JsonObject failure = client.call("d", "fail", "kaput");
    assertFalse(failure.getBoolean("success"));
    assertEquals("kaput", failure.getString("error"));

    List<JsonObject> frames = new ArrayList<>();
    frames.add(client.call("e", "count", 3));
    for (int i = 0; i < 3; i++) {
      frames.add(client.next("rpc"));
    }
    assertEquals(List.of(0, 1, 2, 3), frames.stream().map(f -> f.getValue("result")).toList());
    assertEquals(
        List.of(false, false, false, true),
        frames.stream().map(f -> f.getBoolean("done")).toList());
  }

  @Test
  void clientStateGoesToOthersButNotToTheSender() throws Exception {
    Client alice = new Client("/agents/room-agent/sync?_pk=alice").ready();
    Client bob = new Client("/agents/room-agent/sync?_pk=bob").ready();
    alice.sendJson(
        new JsonObject()
            .put("type", "cf_agent_state")
            .put("state", new JsonObject().put("count", 41)));
    assertEquals(41, bob.next("cf_agent_state").getJsonObject("state").getInteger("count"));
    alice.assertNothingReceived("the sender gets no echo");
    assertTrue(RoomAgent.EVENTS.contains("state 41 from alice"));
    // a server-side change reaches everyone
    assertEquals(42, bob.call("1", "increment", 1).getInteger("result"));
    assertEquals(42, alice.next("cf_agent_state").getJsonObject("state").getInteger("count"));
  }

  @Test
  void readonlyAndRejectedUpdatesAnswerOnlyTheSender() throws Exception {
    Client reader = new Client("/agents/room-agent/ro?readonly=true").ready();
    Client other = new Client("/agents/room-agent/ro").ready();
    reader.sendJson(
        new JsonObject()
            .put("type", "cf_agent_state")
            .put("state", new JsonObject().put("count", 5)));
    assertEquals(
        new JsonObject().put("type", "cf_agent_state_error").put("error", "Connection is readonly"),
        reader.next());
    other.sendJson(
        new JsonObject()
            .put("type", "cf_agent_state")
            .put("state", new JsonObject().put("count", -1)));
    assertEquals(
        new JsonObject().put("type", "cf_agent_state_error").put("error", "State update rejected"),
        other.next());
    reader.assertNothingReceived("nothing was broadcast");
    JsonObject refused = reader.call("1", "increment", 3);
    assertEquals(false, refused.getBoolean("success"));
    assertEquals(
        "Connection is readonly", refused.getString("error"), "a method may not change it");
    assertEquals("x", reader.call("2", "echo", "x").getString("result"), "other RPC still works");
    assertEquals(
        3, other.call("3", "increment", 3).getInteger("result"), "the state was unchanged");
  }

  @Test
  void malformedFramesReachOnMessageAndTheSocketStaysUsable() throws Exception {
    Client client = new Client("/agents/room-agent/junk").ready();
    List<String> junk =
        List.of(
            "not json",
            "",
            "{}",
            "[]",
            "{\"type\":\"what\"}",
            "{\"type\":\"rpc\",\"method\":\"echo\",\"args\":[]}",
            "{\"type\":\"rpc\",\"id\":\"1\",\"args\":[]}",
            "{\"type\":\"rpc\",\"id\":\"1\",\"method\":\"echo\"}",
            "{\"type\":\"rpc\",\"id\":\"1\",\"method\":\"echo\",\"args\":null}",
            "{\"type\":\"cf_agent_state\"}",
            "{broken");
    for (String text : junk) {
      client.send(text);
      assertEquals("echo:" + text, client.poll(), "for " + text);
    }
    client.send(Buffer.buffer(new byte[] {1, 2, 3}));
    assertEquals("echo:binary:3", client.poll());
    assertEquals("still here", client.call("ok", "echo", "still here").getString("result"));
  }

  @Test
  void anOversizedMessageClosesTheSocketWith1009() throws Exception {
    Client client = new Client("/agents/room-agent/big").ready();
    client.socket.writeTextMessage("x".repeat(2 * 1024 * 1024));
    assertEquals((short) 1009, client.awaitClose());
    Client again = new Client("/agents/room-agent/big").ready();
    assertEquals(1, again.call("1", "increment", 1).getInteger("result"));
  }

  @Test
  void protocolFreeConnectionsGetNoProtocolFramesButCanCall() throws Exception {
    Client quiet = new Client("/agents/room-agent/quiet?protocol=false");
    Client loud = new Client("/agents/room-agent/quiet").ready();
    // the answer is the first frame: no identity or state before it, no broadcast of its change
    assertEquals(1, quiet.nextAnswer("1", "increment", 1).getInteger("result"));
    assertEquals(1, loud.next("cf_agent_state").getJsonObject("state").getInteger("count"));
    quiet.assertNothingReceived("no identity, no state, no broadcast");
  }

  @Test
  void tagsBroadcastAndCloseAreSeenByTheAgent() throws Exception {
    Client blue = new Client("/agents/room-agent/tags?_pk=b1&tag=blue").ready();
    Client plain = new Client("/agents/room-agent/tags?_pk=p1").ready();
    assertEquals(1, plain.call("1", "connectionsTagged", "blue").getInteger("result"));
    assertEquals("ok", plain.call("2", "shout", "hi").getString("result"));
    assertEquals("shout:hi", blue.poll());
    blue.close();
    RoomAgent.awaitEvent("close b1 1000"::equals);
    assertEquals(0, plain.call("3", "connectionsTagged", "blue").getInteger("result"));
  }

  @Test
  void anInstanceHibernatesWithSocketsOpenAndWakesWithThemIntact() throws Exception {
    Client alice = new Client("/agents/room-agent/sleepy/a?_pk=alice").ready();
    Client bob = new Client("/agents/room-agent/sleepy?_pk=bob").ready();
    assertEquals(2, alice.call("1", "increment", 2).getInteger("result"));
    bob.next("cf_agent_state");
    AgentTestKit.hibernateIdle(agents).await();
    assertEquals(0, agents.liveInstances());
    assertEquals(
        new JsonObject().put("path", "/a"),
        alice.call("2", "myConnectionState").getValue("result"));
    assertEquals(3, alice.call("3", "increment", 1).getInteger("result"));
    assertEquals(3, bob.next("cf_agent_state").getJsonObject("state").getInteger("count"));
  }

  @Test
  void aReconnectingClientMayOpenItsNewSocketBeforeTheOldCloses() {
    Client first = new Client("/agents/room-agent/re?_pk=same").ready();
    Client second = new Client("/agents/room-agent/re?_pk=same").ready();
    assertEquals(1, second.call("1", "increment", 1).getInteger("result"));
    first.close();
    assertEquals(2, second.call("2", "increment", 1).getInteger("result"));
  }
}
