package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a chat instance does at its start with the replies a stopped or killed process left
 * streaming (docs/protocol.md, "A restart mid-reply"): each is built from its stored chunks and
 * stored once, marked {@code metadata.finishReason: "interrupted"}; the latest stays on offer for
 * replay, older ones are dropped.
 */
final class InterruptedReplies {

  private InterruptedReplies() {}

  /**
   * {@return the reply on offer after a restart, or {@code null}}
   *
   * @param agent the instance (its transactions)
   * @param log its chunk log
   * @param transcript its transcript
   */
  static @Nullable InterruptedTurn recover(
      Agent<?> agent, ChunkLog log, TranscriptStore transcript) {
    List<JsonObject> left = log.unfinished();
    InterruptedTurn offer = null;
    for (int i = 0; i < left.size(); i++) {
      JsonObject stream = left.get(i);
      String streamId = stream.getString("stream");
      List<String> chunks = log.chunks(streamId);
      if (i < left.size() - 1 || chunks.isEmpty()) {
        if ("streaming".equals(stream.getString("status")) && !chunks.isEmpty()) {
          store(agent, log, transcript, stream, chunks);
        }
        log.finish(streamId);
        continue;
      }
      if ("streaming".equals(stream.getString("status"))) {
        store(agent, log, transcript, stream, chunks);
      }
      offer =
          new InterruptedTurn(
              stream.getString("request"),
              streamId,
              new JsonArray(stream.getString("message_ids")));
    }
    return offer;
  }

  private static void store(
      Agent<?> agent,
      ChunkLog log,
      TranscriptStore transcript,
      JsonObject stream,
      List<String> chunks) {
    ReplyBuilder builder = new ReplyBuilder();
    JsonObject continued = transcript.lastAssistant();
    if (stream.getInteger("continuation") == 1 && continued != null) {
      builder = new ReplyBuilder(continued);
    }
    for (String chunk : chunks) {
      builder.apply(new JsonObject(chunk));
    }
    builder.apply(
        new JsonObject()
            .put("type", "message-metadata")
            .put("messageMetadata", new JsonObject().put("finishReason", "interrupted")));
    ReplyBuilder reply = builder;
    agent.transaction(
        () -> {
          transcript.saveReply(reply.message());
          log.markInterrupted(stream.getString("stream"));
          return null;
        });
  }
}
