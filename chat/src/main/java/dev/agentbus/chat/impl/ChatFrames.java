package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The frames a chat agent sends, as docs/protocol.md ("Chat") writes them. */
final class ChatFrames {

  static final String RESPONSE = "cf_agent_use_chat_response";
  private static final com.fasterxml.jackson.core.io.JsonStringEncoder ESCAPE =
      com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();

  private ChatFrames() {}

  /** A turn's frame with the fields every kind has. */
  private static JsonObject response(String id, String body, boolean done, boolean continuation) {
    JsonObject frame =
        new JsonObject().put("type", RESPONSE).put("id", id).put("body", body).put("done", done);
    if (continuation) {
      frame.put("continuation", true);
    }
    return frame;
  }

  /** One chunk, live or replayed (written by hand: it is the frame sent for every token). */
  static String chunk(String id, String body, long seq, boolean continuation, boolean replay) {
    StringBuilder frame = new StringBuilder(body.length() + id.length() + 120);
    frame.append("{\"type\":\"").append(RESPONSE).append("\",\"id\":\"");
    ESCAPE.quoteAsString(id, frame);
    frame.append("\",\"body\":\"");
    ESCAPE.quoteAsString(body, frame);
    frame.append("\",\"done\":false");
    if (continuation) {
      frame.append(",\"continuation\":true");
    }
    frame.append(",\"seq\":").append(seq);
    if (replay) {
      frame.append(",\"replay\":true");
    }
    return frame.append('}').toString();
  }

  /** The end of a replay of a stream still running. */
  static String replayComplete(String id, boolean continuation) {
    return response(id, "", false, continuation)
        .put("replay", true)
        .put("replayComplete", true)
        .encode();
  }

  /** The error of a failed turn, plain text. */
  static String error(String id, String text, JsonArray messageIds, boolean continuation) {
    JsonObject frame = response(id, text, false, continuation).put("error", true);
    if (!messageIds.isEmpty()) {
      frame.put("messageIds", messageIds);
    }
    return frame.encode();
  }

  /**
   * The last frame of a turn.
   *
   * @param outcome {@code aborted}, {@code error}, {@code skipped}, or {@code null} for completed
   */
  static String terminal(
      String id,
      @Nullable JsonArray messageIds,
      @Nullable String outcome,
      boolean continuation,
      boolean replay) {
    JsonObject frame = response(id, "", true, continuation);
    if (replay) {
      frame.put("replay", true);
    }
    if (messageIds != null && !messageIds.isEmpty()) {
      frame.put("messageIds", messageIds);
    }
    if (outcome != null) {
      frame.put("outcome", outcome);
    }
    return frame.encode();
  }

  /** The whole stored transcript. */
  static String transcript(List<JsonObject> messages) {
    return new JsonObject()
        .put("type", "cf_agent_chat_messages")
        .put("messages", new JsonArray(List.copyOf(messages)))
        .encode();
  }

  /** One stored message changed. */
  static String messageUpdated(JsonObject message) {
    return new JsonObject()
        .put("type", "cf_agent_message_updated")
        .put("message", message)
        .encode();
  }

  /** Another socket cleared the chat. */
  static String clear() {
    return new JsonObject().put("type", "cf_agent_chat_clear").encode();
  }

  /** A stream the socket may attach to. */
  static String resuming(String id, @Nullable String probeId) {
    return withProbe(
        new JsonObject().put("type", "cf_agent_stream_resuming").put("id", id), probeId);
  }

  /** A turn accepted, not streaming yet. */
  static String pending(String id, @Nullable String probeId) {
    return withProbe(
        new JsonObject().put("type", "cf_agent_stream_pending").put("id", id), probeId);
  }

  /** Nothing to attach to ({@code reason} and {@code probeId} only in a direct answer). */
  static String resumeNone(@Nullable String reason, @Nullable String probeId) {
    JsonObject frame = new JsonObject().put("type", "cf_agent_stream_resume_none");
    if (reason != null) {
      frame.put("reason", reason);
    }
    return withProbe(frame, probeId);
  }

  private static String withProbe(JsonObject frame, @Nullable String probeId) {
    if (probeId != null) {
      frame.put("probeId", probeId);
    }
    return frame.encode();
  }
}
