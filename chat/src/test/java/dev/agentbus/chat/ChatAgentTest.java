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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
    Socket alice = new Socket("/agents/echo-chat-agent/room?_pk=alice");
    Socket bob = new Socket("/agents/echo-chat-agent/room?_pk=bob");
    JsonObject user = userMessage("u1", "hello there");
    alice.send(request("req1", new JsonArray().add(user)));

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

    // bob got the stored transcript before the terminal frame; alice (the sender) did not
    assertTrue(bob.transcriptBeforeTerminal != null, "bob gets the transcript after the reply");
    JsonArray stored = getMessages();
    assertEquals(stored, bob.transcriptBeforeTerminal.getJsonArray("messages"));
    assertEquals(null, alice.transcriptBeforeTerminal, "the sender gets no transcript");

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
    Socket alice = new Socket("/agents/echo-chat-agent/queue?_pk=alice");
    JsonObject u1 = userMessage("u1", "first");
    JsonObject u2 = userMessage("u2", "second");
    alice.send(request("r1", new JsonArray().add(u1)));
    alice.send(request("r2", new JsonArray().add(u1).add(u2)));
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
    Socket alice = new Socket("/agents/echo-chat-agent/batches?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "slow 12 50 abcdefghijkl"))));
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
    Socket alice = new Socket("/agents/echo-chat-agent/fails?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "fail"))));
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
    Socket alice = new Socket("/agents/echo-chat-agent/none?_pk=alice");
    alice.send(request("r1", new JsonArray().add(userMessage("u1", "none"))));
    assertEquals(List.of(), alice.chunksUntilTerminal("r1"));
    assertEquals(null, alice.lastTerminal.getString("outcome"));
    assertEquals(1, getMessages().size());
  }

  @Test
  void otherMessagesGoToOnOtherMessage() {
    Socket alice = new Socket("/agents/echo-chat-agent/other?_pk=alice");
    alice.send("plain text");
    try {
      assertEquals("other:plain text", alice.received.poll(5, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anUnusableChatRequestIsDroppedAndANonPostOneGoesToOnOtherMessage() throws Exception {
    Socket alice = new Socket("/agents/echo-chat-agent/bad?_pk=alice");
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
    Socket alice = new Socket("/agents/echo-chat-agent/long?_pk=alice");
    alice.send(
        request("r1", new JsonArray().add(userMessage("u1", "slow 700 0 " + "x".repeat(700)))));
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

  private JsonArray getMessages() {
    return http.request(HttpMethod.GET, port, "127.0.0.1", currentPath + "/get-messages")
        .compose(req -> req.send())
        .compose(resp -> resp.body())
        .await()
        .toJsonArray();
  }

  private String currentPath;

  static JsonObject userMessage(String id, String text) {
    return new JsonObject()
        .put("id", id)
        .put("role", "user")
        .put("parts", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)));
  }

  static String request(String id, JsonArray messages) {
    JsonObject body = new JsonObject().put("messages", messages).put("trigger", "submit-message");
    return new JsonObject()
        .put("type", "cf_agent_use_chat_request")
        .put("id", id)
        .put("init", new JsonObject().put("method", "POST").put("body", body.encode()))
        .encode();
  }

  /** A WebSocket client that queues the text frames it receives. */
  final class Socket {
    final WebSocket ws;
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    JsonObject lastTerminal;
    JsonObject transcriptBeforeTerminal;

    Socket(String uri) {
      currentPath = uri.substring(0, uri.indexOf('?'));
      ws =
          wsClient
              .connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(uri))
              .map(
                  socket -> {
                    socket.textMessageHandler(received::add);
                    return socket;
                  })
              .await();
      next("cf_agent_mcp_servers");
    }

    void send(String text) {
      ws.writeTextMessage(text).await();
    }

    JsonObject next() {
      try {
        String text = received.poll(5, TimeUnit.SECONDS);
        if (text == null) {
          throw new AssertionError("nothing received within 5 s");
        }
        return new JsonObject(text);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }

    JsonObject next(String type) {
      for (int i = 0; i < 100; i++) {
        JsonObject frame = next();
        if (type.equals(frame.getString("type"))) {
          return frame;
        }
      }
      throw new AssertionError("no " + type + " frame");
    }

    /** The chunk frames of a turn, up to its terminal frame (kept in {@link #lastTerminal}). */
    List<JsonObject> chunksUntilTerminal(String id) {
      List<JsonObject> chunks = new ArrayList<>();
      transcriptBeforeTerminal = null;
      for (int i = 0; i < 10_000; i++) {
        JsonObject frame = next();
        if ("cf_agent_chat_messages".equals(frame.getString("type"))) {
          transcriptBeforeTerminal = frame;
        } else if ("cf_agent_use_chat_response".equals(frame.getString("type"))) {
          assertEquals(id, frame.getString("id"), "a frame of another turn: " + frame);
          if (frame.getBoolean("done")) {
            lastTerminal = frame;
            return chunks;
          }
          chunks.add(frame);
        }
      }
      throw new AssertionError("no terminal frame");
    }
  }
}
