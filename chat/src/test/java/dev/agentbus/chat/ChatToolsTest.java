package dev.agentbus.chat;

import static dev.agentbus.chat.ChatSocket.request;
import static dev.agentbus.chat.ChatSocket.userMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** Server tools, client tools, approvals and continuations (docs/protocol.md, "Tools"). */
@ExtendWith(VertxExtension.class)
class ChatToolsTest {

  @TempDir Path dataDir;
  ChatServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = new ChatServer(vertx, dataDir, TimeChatAgent.class, ToolsChatAgent.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aServerToolRunsInsideTheTurnAndTheModelAnswersWithItsResult() {
    ChatSocket alice = server.socket("/agents/time-chat-agent/t?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "What TIME is it?"))));
    List<JsonObject> chunks = alice.chunksUntilTerminal("r1");
    assertEquals(
        List.of(
            "start",
            "start-step",
            "tool-input-start",
            "tool-input-delta",
            "tool-input-delta",
            "tool-input-available",
            "tool-output-available",
            "finish-step",
            "start-step",
            "text-start",
            "text-delta",
            "text-delta",
            "text-delta",
            "text-delta",
            "text-end",
            "finish-step",
            "finish"),
        ChatSocket.types(chunks));
    JsonObject output = new JsonObject(chunks.get(6).getString("body"));
    String time = output.getJsonObject("output").getString("time");
    assertEquals("The time is " + time, ChatSocket.text(chunks));
    assertNull(alice.lastTerminal.getString("outcome"));

    JsonObject part = alice.messages().getJsonObject(1).getJsonArray("parts").getJsonObject(1);
    assertEquals("tool-getTime", part.getString("type"));
    assertEquals("getTime", part.getString("toolName"));
    assertEquals("output-available", part.getString("state"));
    assertEquals(new JsonObject(), part.getJsonObject("input"));
    assertEquals(time, part.getJsonObject("output").getString("time"));
  }

  @Test
  void aClientToolEndsTheTurnAndItsResultContinuesTheSameMessage() {
    ChatSocket alice = server.socket("/agents/tools-chat-agent/c?_pk=alice");
    ChatSocket bob = server.socket("/agents/tools-chat-agent/c?_pk=bob");
    JsonObject tools =
        new JsonObject()
            .put("clientTools", new JsonArray().add(new JsonObject().put("name", "getLocation")));
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "call getLocation")), tools));
    List<JsonObject> chunks = alice.chunksUntilTerminal("r1");
    assertEquals(
        List.of(
            "start",
            "start-step",
            "tool-input-start",
            "tool-input-delta",
            "tool-input-available",
            "finish-step",
            "finish"),
        ChatSocket.types(chunks));
    assertNull(alice.lastTerminal.getString("outcome"));
    JsonObject reply = alice.messages().getJsonObject(1);
    String callId = reply.getJsonArray("parts").getJsonObject(1).getString("toolCallId");
    assertEquals(
        "input-available", reply.getJsonArray("parts").getJsonObject(1).getString("state"));
    bob.chunksUntilTerminal("r1");

    alice.send(
        new JsonObject()
            .put("type", "cf_agent_tool_result")
            .put("toolCallId", callId)
            .put("toolName", "getLocation")
            .put("output", new JsonObject().put("city", "Lyon"))
            .put("autoContinue", true));
    for (ChatSocket socket : List.of(alice, bob)) {
      JsonObject updated = socket.next("cf_agent_message_updated").getJsonObject("message");
      assertEquals(reply.getString("id"), updated.getString("id"));
      JsonObject part = updated.getJsonArray("parts").getJsonObject(1);
      assertEquals("output-available", part.getString("state"));
      assertEquals(new JsonObject().put("city", "Lyon"), part.getJsonObject("output"));
      assertEquals(false, part.getBoolean("preliminary"));
    }

    // the owner asks, as the hook does after a result: the continuation is pending, then resumes
    alice.send(new JsonObject().put("type", "cf_agent_stream_resume_request").put("probeId", "p1"));
    JsonObject pending = alice.next("cf_agent_stream_pending");
    assertEquals("p1", pending.getString("probeId"));
    assertEquals(
        new JsonObject().put("type", "cf_agent_stream_resuming").put("id", pending.getString("id")),
        alice.next(),
        "told when the continuation starts, and no live chunk before its ack");
    JsonObject first = bob.next("cf_agent_use_chat_response");
    assertEquals(pending.getString("id"), first.getString("id"));
    assertEquals(true, first.getBoolean("continuation"));
    assertEquals(new JsonObject().put("type", "start"), new JsonObject(first.getString("body")));
    List<JsonObject> rest = bob.chunksUntilTerminal(first.getString("id"));
    assertEquals("Tool said: {\"city\":\"Lyon\"}", ChatSocket.text(rest));
    assertTrue(rest.stream().allMatch(f -> f.getBoolean("continuation")));
    assertEquals(true, bob.lastTerminal.getBoolean("continuation"));
    assertFalse(bob.lastTerminal.containsKey("messageIds"));

    // the owner acks only now, after the continuation ended: while it waited it got no chunk, only
    // the terminal frame and the stored transcript; its ack gets the whole turn, replayed
    JsonObject liveEnd = alice.next();
    assertEquals(true, liveEnd.getBoolean("done"), "no chunk while waiting: " + liveEnd);
    assertEquals(alice.messages(), alice.next("cf_agent_chat_messages").getJsonArray("messages"));
    assertTrue(alice.quietFor(100), "nothing more before the ack");
    alice.send(
        new JsonObject()
            .put("type", "cf_agent_stream_resume_ack")
            .put("id", pending.getString("id")));
    List<JsonObject> replayed = alice.chunksUntilTerminal(pending.getString("id"));
    assertEquals(ChatSocket.text(rest), ChatSocket.text(replayed));
    assertTrue(replayed.stream().allMatch(f -> f.getBoolean("replay")));
    assertEquals(true, alice.lastTerminal.getBoolean("replay"));
    assertEquals(
        alice.messages(),
        alice.next("cf_agent_chat_messages").getJsonArray("messages"),
        "then the transcript, which it missed while it waited");

    JsonArray stored = alice.messages();
    assertEquals(2, stored.size(), "the continuation adds to the same message: " + stored);
    JsonArray parts = stored.getJsonObject(1).getJsonArray("parts");
    assertEquals("output-available", parts.getJsonObject(1).getString("state"));
    assertEquals("Tool said: {\"city\":\"Lyon\"}", parts.getJsonObject(3).getString("text"));
  }

  @Test
  void anApprovedToolRunsInTheContinuationAndADeniedOneNever() {
    ChatSocket alice = server.socket("/agents/tools-chat-agent/a?_pk=alice");
    JsonObject u1 = userMessage("u1", "call deleteFile");
    alice.send(request("r1", new JsonArray().add(u1)));
    List<JsonObject> chunks = alice.chunksUntilTerminal("r1");
    assertEquals("tool-approval-request", ChatSocket.types(chunks).get(5));
    JsonObject part = alice.messages().getJsonObject(1).getJsonArray("parts").getJsonObject(1);
    assertEquals("approval-requested", part.getString("state"));
    String callId = part.getString("toolCallId");
    assertEquals("ap_" + callId, part.getJsonObject("approval").getString("id"));

    alice.send(
        new JsonObject()
            .put("type", "cf_agent_tool_approval")
            .put("toolCallId", callId)
            .put("approved", true)
            .put("autoContinue", true));
    JsonObject updated = alice.next("cf_agent_message_updated").getJsonObject("message");
    assertEquals(
        new JsonObject().put("id", "ap_" + callId).put("approved", true),
        updated.getJsonArray("parts").getJsonObject(1).getJsonObject("approval"));
    JsonObject first = alice.next("cf_agent_use_chat_response");
    List<JsonObject> continuation = alice.chunksUntilTerminal(first.getString("id"));
    JsonObject output = new JsonObject(continuation.get(0).getString("body"));
    assertEquals("tool-output-available", output.getString("type"), "the tool runs first");
    assertEquals(callId, output.getString("toolCallId"));
    assertEquals("Tool said: {\"deleted\":\"a.txt\"}", ChatSocket.text(continuation));
    assertEquals(new JsonArray().add("a.txt"), rpc(alice, "deleted"));

    JsonArray stored = alice.messages();
    alice.send(request("r2", stored.copy().add(userMessage("u2", "call deleteFile"))));
    String secondCall =
        new JsonObject(alice.chunksUntilTerminal("r2").get(2).getString("body"))
            .getString("toolCallId");
    alice.send(
        new JsonObject()
            .put("type", "cf_agent_tool_approval")
            .put("toolCallId", secondCall)
            .put("approved", false)
            .put("autoContinue", true));
    assertEquals(
        "output-denied",
        alice
            .next("cf_agent_message_updated")
            .getJsonObject("message")
            .getJsonArray("parts")
            .getJsonObject(1)
            .getString("state"));
    JsonObject next = alice.next("cf_agent_use_chat_response");
    assertEquals(
        "Tool said: The user denied this tool call.",
        ChatSocket.text(alice.chunksUntilTerminal(next.getString("id"))));
    assertEquals(new JsonArray().add("a.txt"), rpc(alice, "deleted"), "the denied call never ran");
  }

  private static JsonArray rpc(ChatSocket socket, String method) {
    socket.send(
        new JsonObject()
            .put("type", "rpc")
            .put("id", method)
            .put("method", method)
            .put("args", new JsonArray()));
    return socket.next("rpc").getJsonArray("result");
  }
}
