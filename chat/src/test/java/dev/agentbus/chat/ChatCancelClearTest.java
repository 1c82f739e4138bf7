package dev.agentbus.chat;

import static dev.agentbus.chat.ChatSocket.request;
import static dev.agentbus.chat.ChatSocket.userMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Cancel, clear and the client's transcript frame (docs/protocol.md, "Cancel", "Clear"). */
@ExtendWith(VertxExtension.class)
class ChatCancelClearTest {

  @TempDir Path dataDir;
  ChatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server =
        new ChatServer(
            vertx, dataDir, EchoChatAgent.class, LeavingChatAgent.class, StalledChatAgent.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static JsonObject cancel(String id) {
    return new JsonObject().put("type", "cf_agent_chat_request_cancel").put("id", id);
  }

  private static JsonObject terminal(String id, String outcome) {
    return new JsonObject()
        .put("type", "cf_agent_use_chat_response")
        .put("id", id)
        .put("body", "")
        .put("done", true)
        .put("messageIds", new JsonArray().add("u1"))
        .put("outcome", outcome);
  }

  @Test
  void cancellingTheRunningTurnStopsItAndStoresThePartialReply() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/c?_pk=alice");
    ChatSocket bob = server.socket("/agents/echo-chat-agent/c?_pk=bob");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 300 10 stop me"))));
    alice.next(f -> f.getInteger("seq", -1) >= 8, "chunk 8");
    alice.send(cancel("r1"));
    List<JsonObject> aliceChunks = alice.chunksUntilTerminal("r1");
    List<JsonObject> bobChunks = bob.chunksUntilTerminal("r1");
    assertEquals(terminal("r1", "aborted"), alice.lastTerminal);
    assertEquals(terminal("r1", "aborted"), bob.lastTerminal);
    assertEquals(
        "cf_agent_chat_messages",
        bob.next().getString("type"),
        "then the others get the transcript");
    assertTrue(bobChunks.size() < 100, "stopped early: " + bobChunks.size());
    assertFalse(ChatSocket.types(bobChunks).contains("finish"));

    JsonObject reply = alice.messages().getJsonObject(1);
    JsonObject text = reply.getJsonArray("parts").getJsonObject(1);
    assertEquals("streaming", text.getString("state"), "stored as it was streamed");
    assertEquals(ChatSocket.text(bobChunks), text.getString("text"));
    assertTrue(alice.quietFor(100), "nothing after the terminal frame");
  }

  @Test
  void aCancelledQueuedTurnNeverRuns() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/q?_pk=alice");
    JsonObject u1 = userMessage("u1", "slow 30 10 first");
    alice.send(request("r1", new JsonArray().add(u1)));
    alice.send(request("r2", new JsonArray().add(u1).add(userMessage("u2", "second"))));
    alice.send(cancel("r2"));
    JsonObject aborted = alice.next(f -> "r2".equals(f.getString("id")), "a frame of r2");
    assertEquals(
        terminal("r2", "aborted").put("messageIds", new JsonArray().add("u1").add("u2")), aborted);
    alice.chunksUntilTerminal("r1");
    assertTrue(alice.quietFor(200), "r2 never runs");
    assertEquals(3, alice.messages().size(), "u1, its reply, u2 (written when it came)");
  }

  @Test
  void clearingStopsTheTurnDropsTheQueueAndEmptiesEveryTab() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/clear?_pk=alice");
    ChatSocket bob = server.socket("/agents/echo-chat-agent/clear?_pk=bob");
    JsonObject u1 = userMessage("u1", "slow 300 10 long");
    alice.send(request("r1", new JsonArray().add(u1)));
    alice.send(request("r2", new JsonArray().add(u1).add(userMessage("u2", "queued"))));
    alice.next(f -> f.getInteger("seq", -1) >= 3, "chunk 3");
    bob.send(new JsonObject().put("type", "cf_agent_chat_clear"));

    alice.chunksUntilTerminal("r1");
    assertEquals(terminal("r1", "aborted"), alice.lastTerminal);
    assertEquals(
        terminal("r2", "skipped").put("messageIds", new JsonArray().add("u1").add("u2")),
        alice.next(f -> "r2".equals(f.getString("id")), "r2's frame"));
    assertEquals(new JsonObject().put("type", "cf_agent_chat_clear"), alice.next());
    bob.chunksUntilTerminal("r1");
    assertEquals(terminal("r1", "aborted"), bob.lastTerminal);
    assertTrue(bob.quietFor(200), "the sender of the clear gets nothing back, nor r2's skip");
    assertEquals(new JsonArray(), alice.messages(), "the partial reply is not stored");
  }

  @Test
  void aClientsTranscriptIsStoredWithoutDeletingAndSentToTheOthers() {
    ChatSocket alice = server.socket("/agents/echo-chat-agent/sync?_pk=alice");
    ChatSocket bob = server.socket("/agents/echo-chat-agent/sync?_pk=bob");
    JsonArray two = new JsonArray().add(userMessage("u1", "a")).add(userMessage("u2", "b"));
    alice.send(new JsonObject().put("type", "cf_agent_chat_messages").put("messages", two));
    assertEquals(two, bob.next("cf_agent_chat_messages").getJsonArray("messages"));
    alice.send(
        new JsonObject().put("type", "cf_agent_chat_messages").put("messages", new JsonArray()));
    assertEquals(two, bob.next("cf_agent_chat_messages").getJsonArray("messages"));
    assertEquals(two, alice.messages());
    assertTrue(alice.quietFor(100), "the sender gets no transcript");
  }

  @Test
  void aReplyStopsWhenTheLastSocketClosesIfTheAgentSaysSo() {
    ChatSocket alice = server.socket("/agents/leaving-chat-agent/l?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 300 10 bye"))));
    alice.next(f -> f.getInteger("seq", -1) >= 5, "chunk 5");
    alice.close();
    ChatSocket bob = server.socket("/agents/leaving-chat-agent/l?_pk=bob");
    bob.send(new JsonObject().put("type", "cf_agent_stream_resume_request").put("probeId", "p"));
    assertEquals("idle", bob.next("cf_agent_stream_resume_none").getString("reason"));
    JsonArray stored = bob.messages();
    assertEquals(2, stored.size(), "the partial reply is stored: " + stored);
    String text = stored.getJsonObject(1).getJsonArray("parts").getJsonObject(1).getString("text");
    assertTrue(text.length() < 100, "stopped early: " + text.length());
  }

  @Test
  void aReplyThatGoesQuietFailsAfterTheAgentsTimeoutAndItsModelIsCancelled() {
    ChatSocket alice = server.socket("/agents/stalled-chat-agent/s?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "hello"))));
    JsonObject error = alice.next(f -> f.getBoolean("error", false), "the error frame");
    assertTrue(
        error.getString("body").startsWith("The reply stopped: nothing came from it for"),
        error.encode());
    assertEquals(
        "error", alice.next(f -> f.getBoolean("done", false), "terminal").getString("outcome"));
    assertTrue(StalledChatAgent.cancelled, "the reply was told to stop");
    assertEquals(2, alice.messages().size(), "the reply as far as it got is stored");
  }
}
