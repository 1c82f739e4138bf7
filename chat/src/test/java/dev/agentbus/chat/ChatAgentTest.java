package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A chat agent behind a real gateway, talked to through real WebSockets. */
@ExtendWith(VertxExtension.class)
class ChatAgentTest {

  @TempDir Path dataDir;
  AgentBus agents;
  AgentGateway gateway;
  int port;
  WebSocketClient wsClient;
  HttpClient http;

  @BeforeEach
  void start(Vertx vertx) {
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agents.register(EchoChatAgent.class);
    gateway =
        AgentGateway.create(vertx, agents, new GatewayOptions().setPort(0).setHost("127.0.0.1"));
    port = gateway.listen(null).await().actualPort();
    wsClient = vertx.createWebSocketClient();
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    gateway.close().await();
    agents.close().await();
  }

  @Test
  void aChatRequestIsAnsweredWithChunksInSeqOrderThenStoredThenTheTerminalFrame() {
    ChatSocket alice = socket("/agents/echo-chat-agent/room?_pk=alice");
    ChatSocket bob = socket("/agents/echo-chat-agent/room?_pk=bob");
    JsonObject user = ChatSocket.userMessage("u1", "hello there");
    alice.send(ChatSocket.request("req1", new JsonArray().add(user)));

    // bob first gets the transcript with the user message
    JsonObject before = bob.next("cf_agent_chat_messages");
    assertEquals(new JsonArray().add(user), before.getJsonArray("messages"));

    List<JsonObject> aliceChunks = alice.chunksUntilTerminal("req1");
    List<JsonObject> bobChunks = bob.chunksUntilTerminal("req1");
    assertEquals(aliceChunks, bobChunks, "both sockets see the same chunk frames");

    List<String> types = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < aliceChunks.size(); i++) {
      JsonObject frame = aliceChunks.get(i);
      assertEquals(i, frame.getInteger("seq"), "seq numbers the chunks from 0 without gaps");
      assertFalse(frame.getBoolean("done"));
      JsonObject chunk = new JsonObject(frame.getString("body"));
      types.add(chunk.getString("type"));
      if ("text-delta".equals(chunk.getString("type"))) {
        text.append(chunk.getString("delta"));
      }
    }
    assertEquals(
        List.of("start", "start-step", "text-start"), types.subList(0, 3), "types: " + types);
    assertEquals(
        List.of("text-end", "finish-step", "finish"),
        types.subList(types.size() - 3, types.size()));
    assertTrue(types.subList(3, types.size() - 3).stream().allMatch("text-delta"::equals));
    JsonObject start = new JsonObject(aliceChunks.get(0).getString("body"));
    String replyId = start.getString("messageId");
    JsonObject finish = new JsonObject(aliceChunks.get(aliceChunks.size() - 1).getString("body"));
    assertEquals(
        new JsonObject().put("finishReason", "stop"), finish.getJsonObject("messageMetadata"));

    JsonObject terminal =
        new JsonObject()
            .put("type", "cf_agent_use_chat_response")
            .put("id", "req1")
            .put("body", "")
            .put("done", true)
            .put("messageIds", new JsonArray().add("u1"));
    assertEquals(terminal, alice.lastTerminal);
    assertEquals(terminal, bob.lastTerminal);

    // the reply was stored before the terminal frame; then bob gets the transcript, alice (the
    // sender) does not
    JsonArray stored = getMessages();
    assertEquals(stored, bob.next().getJsonArray("messages"), "bob's transcript after the end");
    assertTrue(alice.quietFor(100), "the sender gets no transcript");

    assertEquals(2, stored.size());
    assertEquals(user, stored.getJsonObject(0));
    JsonObject reply = stored.getJsonObject(1);
    assertEquals(replyId, reply.getString("id"));
    assertEquals("assistant", reply.getString("role"));
    assertEquals(new JsonObject().put("finishReason", "stop"), reply.getJsonObject("metadata"));
    assertEquals(
        new JsonArray()
            .add(new JsonObject().put("type", "step-start"))
            .add(
                new JsonObject()
                    .put("type", "text")
                    .put("text", text.toString())
                    .put("state", "done")),
        reply.getJsonArray("parts"));
    assertFalse(text.isEmpty());
  }

  @Test
  void requestsAreAnsweredOneAfterAnother() {
    ChatSocket alice = socket("/agents/echo-chat-agent/queue?_pk=alice");
    JsonObject u1 = ChatSocket.userMessage("u1", "first");
    JsonObject u2 = ChatSocket.userMessage("u2", "second");
    alice.send(ChatSocket.request("r1", new JsonArray().add(u1)));
    alice.send(ChatSocket.request("r2", new JsonArray().add(u1).add(u2)));
    List<JsonObject> first = alice.chunksUntilTerminal("r1");
    List<JsonObject> second = alice.chunksUntilTerminal("r2");
    assertTrue(first.stream().allMatch(f -> "r1".equals(f.getString("id"))));
    assertEquals(0, second.get(0).getInteger("seq"));
    JsonArray stored = getMessages();
    List<String> roles = new ArrayList<>();
    stored.forEach(m -> roles.add(((JsonObject) m).getString("role")));
    assertEquals(List.of("user", "user", "assistant", "assistant"), roles, "stored: " + stored);
  }

  @Test
  void chunksAreWrittenInBatchesWhileTheReplyStreamsAndDroppedOnceItIsStored() {
    ChatSocket alice = socket("/agents/echo-chat-agent/batches?_pk=alice");
    alice.send(
        ChatSocket.request(
            "r1", new JsonArray().add(ChatSocket.userMessage("u1", "slow 12 50 abcdefghijkl"))));
    // after a few deltas (and more than one 50 ms flush), some chunks are on disk
    for (int seen = 0; seen < 6; ) {
      JsonObject frame = alice.next();
      if ("cf_agent_use_chat_response".equals(frame.getString("type"))) {
        seen++;
      }
    }
    alice.send(
        new JsonObject()
            .put("type", "rpc")
            .put("id", "c1")
            .put("method", "storedChunks")
            .put("args", new JsonArray())
            .encode());
    List<JsonObject> rest = new ArrayList<>();
    JsonObject answer = null;
    while (answer == null) {
      JsonObject frame = alice.next();
      if ("rpc".equals(frame.getString("type"))) {
        answer = frame;
      } else {
        rest.add(frame);
      }
    }
    assertTrue(answer.getLong("result") > 0, "chunks on disk mid-reply: " + answer);
    alice.chunksUntilTerminal("r1");
    alice.send(
        new JsonObject()
            .put("type", "rpc")
            .put("id", "c2")
            .put("method", "storedChunks")
            .put("args", new JsonArray())
            .encode());
    assertEquals(0L, alice.next("rpc").getLong("result"), "the log is dropped once stored");
  }

  @Test
  void aFailedReplySendsAnErrorFrameThenATerminalFrameWithOutcomeError() {
    ChatSocket alice = socket("/agents/echo-chat-agent/fails?_pk=alice");
    alice.send(ChatSocket.request("r1", new JsonArray().add(ChatSocket.userMessage("u1", "fail"))));
    JsonObject error = null;
    for (JsonObject frame = alice.next(); ; frame = alice.next()) {
      if (Boolean.TRUE.equals(frame.getBoolean("error"))) {
        error = frame;
      }
      if (Boolean.TRUE.equals(frame.getBoolean("done"))) {
        assertEquals("error", frame.getString("outcome"));
        assertEquals(new JsonArray().add("u1"), frame.getJsonArray("messageIds"));
        break;
      }
    }
    assertTrue(error != null, "an error frame before the terminal one");
    assertEquals("The model server answered 503", error.getString("body"));
    assertFalse(error.getBoolean("done"));
  }

  @Test
  void noReplyEndsTheTurnWithTheTerminalFrameOnly() {
    ChatSocket alice = socket("/agents/echo-chat-agent/none?_pk=alice");
    alice.send(ChatSocket.request("r1", new JsonArray().add(ChatSocket.userMessage("u1", "none"))));
    assertEquals(List.of(), alice.chunksUntilTerminal("r1"));
    assertEquals(null, alice.lastTerminal.getString("outcome"));
    assertEquals(1, getMessages().size());
  }

  @Test
  void otherMessagesGoToOnOtherMessage() {
    ChatSocket alice = socket("/agents/echo-chat-agent/other?_pk=alice");
    alice.send("plain text");
    try {
      assertEquals("other:plain text", alice.received.poll(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anUnusableChatRequestIsDroppedAndANonPostOneGoesToOnOtherMessage() throws Exception {
    ChatSocket alice = socket("/agents/echo-chat-agent/bad?_pk=alice");
    alice.send(
        "{\"type\":\"cf_agent_use_chat_request\",\"id\":\"x\",\"init\":{\"method\":\"POST\",\"body\":\"nope\"}}");
    alice.send("{\"type\":\"cf_agent_use_chat_request\",\"id\":\"y\"}");
    String notPost =
        "{\"type\":\"cf_agent_use_chat_request\",\"id\":\"z\",\"init\":{\"method\":\"GET\"}}";
    alice.send(notPost);
    // the unusable requests got no answer: the very next frame is the GET one's echo
    assertEquals("other:" + notPost, alice.received.poll(5, TimeUnit.SECONDS));
    assertEquals(0, getMessages().size());
  }

  @Test
  void aLongReplyKeepsEverySeqAndIsStoredWhole() {
    ChatSocket alice = socket("/agents/echo-chat-agent/long?_pk=alice");
    alice.send(
        ChatSocket.request(
            "r1",
            new JsonArray().add(ChatSocket.userMessage("u1", "slow 700 0 " + "x".repeat(700)))));
    List<JsonObject> chunks = alice.chunksUntilTerminal("r1");
    assertTrue(chunks.size() > 700, "more chunks than one batch of 256: " + chunks.size());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < chunks.size(); i++) {
      assertEquals(i, chunks.get(i).getInteger("seq"));
      JsonObject chunk = new JsonObject(chunks.get(i).getString("body"));
      if ("text-delta".equals(chunk.getString("type"))) {
        text.append(chunk.getString("delta"));
      }
    }
    JsonObject reply = getMessages().getJsonObject(1);
    assertEquals(text.toString(), reply.getJsonArray("parts").getJsonObject(1).getString("text"));
  }

  private ChatSocket last;

  private ChatSocket socket(String uri) {
    last = new ChatSocket(wsClient, http, port, uri);
    return last;
  }

  private JsonArray getMessages() {
    return last.messages();
  }
}
