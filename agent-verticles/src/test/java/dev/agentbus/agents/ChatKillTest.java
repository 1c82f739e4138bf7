package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the application in the middle of a chat reply: started again, the transcript holds the
 * partial reply once (marked interrupted), a client that reconnects is offered the turn and told it
 * was aborted, and its replay rebuilds exactly the stored message.
 */
class ChatKillTest {

  private static final String PATH = "/agents/assistant-agent/crash";

  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = vertx.createHttpClient();

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  @Test
  void aReplyCutByKillMinus9IsKeptOnceAndTheReconnectingClientIsToldItWasAborted()
      throws Exception {
    StringBuilder seenLive = new StringBuilder();
    try (RunningApp app = RunningApp.start(dataDir, Map.of());
        SocketClient alice = new SocketClient(vertx, app.port, PATH + "?_pk=alice")) {
      alice.next("cf_agent_mcp_servers");
      alice.send(request("r1", "slow 400 10 killed mid-reply"));
      for (int seq = 0; seq < 100; ) {
        JsonObject frame = alice.next();
        if (frame.containsKey("seq")) {
          seq = frame.getInteger("seq");
          seenLive.append(delta(frame));
        }
      }
      app.kill();
      assertEquals(137, app.process.exitValue(), "killed by SIGKILL");
    }

    JsonArray stored;
    try (RunningApp app = RunningApp.start(dataDir, Map.of());
        SocketClient bob = new SocketClient(vertx, app.port, PATH + "?_pk=bob")) {
      bob.next("cf_agent_mcp_servers");
      assertEquals(
          new JsonObject().put("type", "cf_agent_stream_resuming").put("id", "r1"), bob.next());
      stored = messages(app.port);
      assertEquals(2, stored.size(), "the question and the partial reply: " + stored);
      JsonObject reply = stored.getJsonObject(1);
      assertEquals("interrupted", reply.getJsonObject("metadata").getString("finishReason"));
      String storedText = reply.getJsonArray("parts").getJsonObject(1).getString("text");
      assertTrue(
          seenLive.toString().startsWith(storedText), "nothing stored that was not streamed");
      assertTrue(storedText.length() > 50, "the batches written before the kill: " + storedText);

      bob.send(new JsonObject().put("type", "cf_agent_stream_resume_ack").put("id", "r1"));
      StringBuilder replayed = new StringBuilder();
      int expectedSeq = 0;
      JsonObject frame = bob.next();
      while (!frame.getBoolean("done", false)) {
        assertEquals(expectedSeq++, frame.getInteger("seq"), "each seq once, in order");
        assertEquals(true, frame.getBoolean("replay"));
        replayed.append(delta(frame));
        frame = bob.next();
      }
      assertEquals("aborted", frame.getString("outcome"));
      assertEquals(new JsonArray().add("u1"), frame.getJsonArray("messageIds"));
      assertEquals(storedText, replayed.toString(), "the replay rebuilds the stored message");
    }

    try (RunningApp app = RunningApp.start(dataDir, Map.of())) {
      assertEquals(stored, messages(app.port), "a second start stores nothing twice");
    }
  }

  private static String delta(JsonObject frame) {
    JsonObject chunk = new JsonObject(frame.getString("body"));
    return "text-delta".equals(chunk.getString("type")) ? chunk.getString("delta") : "";
  }

  private JsonArray messages(int port) {
    return http.request(HttpMethod.GET, port, "127.0.0.1", PATH + "/get-messages")
        .compose(request -> request.send())
        .compose(response -> response.body())
        .await()
        .toJsonArray();
  }

  private static JsonObject request(String id, String text) {
    JsonArray messages =
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "u1")
                    .put("role", "user")
                    .put(
                        "parts",
                        new JsonArray()
                            .add(new JsonObject().put("type", "text").put("text", text))));
    JsonObject body = new JsonObject().put("messages", messages).put("trigger", "submit-message");
    return new JsonObject()
        .put("type", "cf_agent_use_chat_request")
        .put("id", id)
        .put("init", new JsonObject().put("method", "POST").put("body", body.encode()));
  }
}
