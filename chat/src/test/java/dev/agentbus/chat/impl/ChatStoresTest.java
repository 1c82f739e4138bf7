package dev.agentbus.chat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentbus.Agent;
import dev.agentbus.Callable;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transcript and the chunk log in a real instance file: written as docs/protocol.md says, kept
 * across a restart, chunks replayed in order with those not yet written.
 */
class ChatStoresTest {

  /** An agent that exposes the stores to the test. */
  public static class StoreAgent extends Agent<Void> {
    private final TranscriptStore transcript = new TranscriptStore(this);
    private final ChunkLog chunks = new ChunkLog(this);

    @Callable
    public List<JsonObject> messages() {
      return transcript.messages();
    }

    @Callable
    public void request(JsonArray messages) {
      transcript.applyRequest(list(messages));
    }

    @Callable
    public void clientMessages(JsonArray messages) {
      transcript.upsert(list(messages));
    }

    @Callable
    public void begin(String stream) {
      chunks.begin(stream, "req-" + stream, "[\"u1\"]", false);
    }

    @Callable
    public long append(String body, boolean flush) {
      long seq = chunks.append(body);
      if (flush) {
        chunks.flush();
      }
      return seq;
    }

    @Callable
    public List<String> chunks(String stream) {
      return chunks.chunks(stream);
    }

    @Callable
    public void finish(String stream) {
      chunks.finish(stream);
    }

    @Callable
    public List<JsonObject> unfinished() {
      return chunks.unfinished();
    }

    private static List<JsonObject> list(JsonArray array) {
      return array.stream().map(JsonObject.class::cast).toList();
    }
  }

  private AgentTestKit kit;

  @BeforeEach
  void start() {
    kit = AgentTestKit.create().register(StoreAgent.class);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  private Object call(String method, Object... args) {
    return kit.call(StoreAgent.class, "chat", method, args);
  }

  private static JsonObject message(String id, String role, String text) {
    return new JsonObject()
        .put("id", id)
        .put("role", role)
        .put("parts", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)));
  }

  private List<String> ids() {
    return ((JsonArray) call("messages"))
        .stream().map(m -> ((JsonObject) m).getString("id")).toList();
  }

  @Test
  void aRequestAddsItsNewMessagesAndDeletesNothing() {
    call("request", new JsonArray().add(message("u1", "user", "hi")));
    call(
        "request",
        new JsonArray()
            .add(message("u1", "user", "hi"))
            .add(message("a1", "assistant", "hello"))
            .add(message("u2", "user", "again")));
    assertEquals(List.of("u1", "a1", "u2"), ids());
  }

  @Test
  void aRequestOfKnownIdsOnlyDeletesWhatFollowed() {
    call(
        "request",
        new JsonArray()
            .add(message("u1", "user", "hi"))
            .add(message("a1", "assistant", "hello"))
            .add(message("u2", "user", "again"))
            .add(message("a2", "assistant", "yes")));
    call(
        "request",
        new JsonArray()
            .add(message("u1", "user", "hi"))
            .add(message("a1", "assistant", "hello"))
            .add(message("u2", "user", "edited")));
    assertEquals(List.of("u1", "a1", "u2"), ids());
  }

  @Test
  void aClientsMessagesNeverDelete() {
    call(
        "request",
        new JsonArray().add(message("u1", "user", "hi")).add(message("a1", "assistant", "hello")));
    call("clientMessages", new JsonArray().add(message("a1", "assistant", "changed")));
    assertEquals(List.of("u1", "a1"), ids());
  }

  @Test
  void aSettledToolPartIsNotTakenBack() {
    JsonObject settled =
        new JsonObject()
            .put("type", "tool-getTime")
            .put("toolCallId", "c1")
            .put("state", "output-available")
            .put("input", new JsonObject())
            .put("output", new JsonObject().put("time", "t"));
    JsonObject earlier = settled.copy().put("state", "input-available");
    earlier.remove("output");
    call(
        "clientMessages",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "a1")
                    .put("role", "assistant")
                    .put("parts", new JsonArray().add(settled))));
    call(
        "clientMessages",
        new JsonArray()
            .add(
                new JsonObject()
                    .put("id", "a1")
                    .put("role", "assistant")
                    .put("parts", new JsonArray().add(earlier))));
    JsonObject stored = ((JsonArray) call("messages")).getJsonObject(0);
    assertEquals(
        "output-available", stored.getJsonArray("parts").getJsonObject(0).getString("state"));
  }

  @Test
  void chunksAreReplayedInOrderWrittenOrNotAndDroppedAtTheEnd() {
    call("begin", "s1");
    assertEquals(0L, ((Number) call("append", "{\"type\":\"start\"}", true)).longValue());
    assertEquals(1L, ((Number) call("append", "{\"type\":\"text-start\"}", false)).longValue());
    assertEquals(
        List.of("{\"type\":\"start\"}", "{\"type\":\"text-start\"}"),
        ((JsonArray) call("chunks", "s1")).getList());
    call("finish", "s1");
    assertEquals(List.of(), ((JsonArray) call("chunks", "s1")).getList());
    assertEquals(List.of(), ((JsonArray) call("unfinished")).getList());
  }

  @Test
  void aStreamCutShortIsFoundAfterARestartWithTheChunksWritten() {
    call("begin", "s2");
    call("append", "{\"type\":\"start\"}", true);
    call("append", "{\"type\":\"text-delta\"}", false); // never written: lost with the process
    kit.hibernateIdle();
    assertEquals(
        List.of(
            new JsonObject()
                .put("stream", "s2")
                .put("request", "req-s2")
                .put("status", "streaming")
                .put("message_ids", "[\"u1\"]")
                .put("continuation", 0)),
        ((JsonArray) call("unfinished")).getList());
    assertEquals(List.of("{\"type\":\"start\"}"), ((JsonArray) call("chunks", "s2")).getList());
  }
}
