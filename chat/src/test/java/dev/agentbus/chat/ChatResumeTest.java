package dev.agentbus.chat;

import static dev.agentbus.chat.ChatSocket.request;
import static dev.agentbus.chat.ChatSocket.userMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The resume handshake and a restart mid-reply (docs/protocol.md, "Resuming a stream"). */
@ExtendWith(VertxExtension.class)
class ChatResumeTest {

  @TempDir Path dataDir;
  ChatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = new ChatServer(vertx, dataDir, EchoChatAgent.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static boolean isChunk(JsonObject frame, int seqAtLeast) {
    return "cf_agent_use_chat_response".equals(frame.getString("type"))
        && frame.getInteger("seq", -1) >= seqAtLeast;
  }

  @Test
  void aSocketThatConnectsMidReplyGetsEveryChunkOnceInOrderThenTheLiveRest() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/r?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 60 10 resume me"))));
    alice.next(f -> isChunk(f, 10), "chunk 10");

    ChatSocket bob = server.socket("/agents/echo-chat-agent/r?_pk=bob");
    assertEquals(
        new JsonObject().put("type", "cf_agent_stream_resuming").put("id", "r1"),
        bob.next(),
        "told on connect, right after the protocol frames");
    bob.send(new JsonObject().put("type", "cf_agent_stream_resume_ack").put("id", "r1"));

    List<JsonObject> replayed = new ArrayList<>();
    JsonObject frame = bob.next();
    while (!frame.containsKey("replayComplete")) {
      assertEquals(true, frame.getBoolean("replay"), "replayed first: " + frame);
      replayed.add(frame);
      frame = bob.next();
    }
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_use_chat_response")
            .put("id", "r1")
            .put("body", "")
            .put("done", false)
            .put("replay", true)
            .put("replayComplete", true),
        frame);
    List<JsonObject> live = bob.chunksUntilTerminal("r1");
    List<JsonObject> all = new ArrayList<>(replayed);
    all.addAll(live);
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i, all.get(i).getInteger("seq"), "each seq once, none missing");
    }
    assertTrue(replayed.size() >= 11, "replayed " + replayed.size());
    assertTrue(live.stream().noneMatch(f -> f.containsKey("replay")));
    alice.chunksUntilTerminal("r1");
    assertEquals(bob.lastTerminal, alice.lastTerminal);
    JsonObject reply = bob.messages().getJsonObject(1);
    assertEquals(
        reply.getJsonArray("parts").getJsonObject(1).getString("text"), ChatSocket.text(all));
  }

  @Test
  void aResumeRequestIsAnsweredOnceWithItsProbeId() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/probe?_pk=alice");
    alice.send(new JsonObject().put("type", "cf_agent_stream_resume_request").put("probeId", "p1"));
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_stream_resume_none")
            .put("reason", "idle")
            .put("probeId", "p1"),
        alice.next());

    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 40 10 x"))));
    alice.next(f -> isChunk(f, 3), "chunk 3");
    ChatSocket bob = server.socket("/agents/echo-chat-agent/probe?_pk=bob");
    bob.next("cf_agent_stream_resuming");
    bob.send(new JsonObject().put("type", "cf_agent_stream_resume_request").put("probeId", "p2"));
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_stream_resuming")
            .put("id", "r1")
            .put("probeId", "p2"),
        bob.next(),
        "a waiting socket gets no live chunk, only the answer");
  }

  @Test
  void anAckOfAnEndedOrUnknownTurnIsAnsweredWithItsTerminalFrame() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/acks?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "hi"))));
    alice.chunksUntilTerminal("r1");
    alice.send(new JsonObject().put("type", "cf_agent_stream_resume_ack").put("id", "r1"));
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_use_chat_response")
            .put("id", "r1")
            .put("body", "")
            .put("done", true)
            .put("replay", true)
            .put("messageIds", new JsonArray().add("u1")),
        alice.next());
    alice.send(new JsonObject().put("type", "cf_agent_stream_resume_ack").put("id", "nope"));
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_use_chat_response")
            .put("id", "nope")
            .put("body", "")
            .put("done", true)
            .put("replay", true),
        alice.next());
  }

  @Test
  void aReplyCutShortByARestartIsStoredOnceAndOfferedAsAborted() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/restart?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 300 10 interrupted"))));
    alice.next(f -> isChunk(f, 20), "chunk 20");
    server.restart();

    ChatSocket bob = server.socket("/agents/echo-chat-agent/restart?_pk=bob");
    assertEquals(
        new JsonObject().put("type", "cf_agent_stream_resuming").put("id", "r1"), bob.next());
    JsonArray stored = bob.messages();
    assertEquals(2, stored.size(), "the user message and the partial reply: " + stored);
    JsonObject partial = stored.getJsonObject(1);
    assertEquals("interrupted", partial.getJsonObject("metadata").getString("finishReason"));
    JsonObject text = partial.getJsonArray("parts").getJsonObject(1);
    assertEquals("streaming", text.getString("state"));

    bob.send(new JsonObject().put("type", "cf_agent_stream_resume_ack").put("id", "r1"));
    List<JsonObject> replayed = bob.chunksUntilTerminal("r1");
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_use_chat_response")
            .put("id", "r1")
            .put("body", "")
            .put("done", true)
            .put("replay", true)
            .put("messageIds", new JsonArray().add("u1"))
            .put("outcome", "aborted"),
        bob.lastTerminal);
    assertTrue(replayed.size() >= 21, "the chunks stored before the restart: " + replayed.size());
    assertEquals(text.getString("text"), ChatSocket.text(replayed), "replay and store agree");
    assertEquals(
        partial.getString("id"),
        new JsonObject(replayed.get(0).getString("body")).getString("messageId"));

    server.restart();
    assertEquals(stored, server.socket("/agents/echo-chat-agent/restart?_pk=c").messages());
  }

  @Test
  void theOfferEndsWhenTheNextTurnStarts() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/next?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 300 10 cut"))));
    alice.next(f -> isChunk(f, 5), "chunk 5");
    server.restart();
    ChatSocket bob = server.socket("/agents/echo-chat-agent/next?_pk=bob");
    bob.next("cf_agent_stream_resuming");
    JsonArray stored = bob.messages();
    bob.send(request("r2", stored.copy().add(userMessage("u2", "again"))));
    bob.chunksUntilTerminal("r2");
    ChatSocket carol = server.socket("/agents/echo-chat-agent/next?_pk=carol");
    carol.send(new JsonObject().put("type", "cf_agent_stream_resume_request").put("probeId", "p"));
    assertEquals("idle", carol.next("cf_agent_stream_resume_none").getString("reason"));
    assertEquals(4, carol.messages().size());
  }
}
