package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import dev.agentbus.AwakeHold;
import dev.agentbus.chat.ChatReply;
import dev.agentbus.chat.ChatTurn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Function;

/**
 * The chat turns of one instance, run one after another as docs/protocol.md ("A turn") says: the
 * request's messages are written and the transcript sent to the other sockets at once; when the
 * turn's time comes the reply's chunks are sent to every socket and logged ({@link ChunkLog},
 * flushed every 50 ms or 256 chunks), the reply is saved, the transcript sent to the other sockets,
 * and the terminal frame to every socket. Everything here runs on the instance's context; the
 * reply's chunks are moved onto it with {@code runOnInstance}.
 */
public final class ChatTurns {

  private static final System.Logger LOG = System.getLogger(ChatTurns.class.getName());
  static final String RESPONSE = "cf_agent_use_chat_response";
  static final String MESSAGES = "cf_agent_chat_messages";
  static final long FLUSH_MS = 50;
  static final int FLUSH_CHUNKS = 256;

  private final Agent<?> agent;
  private final TranscriptStore transcript;
  private final ChunkLog log;
  private final Function<ChatTurn, ChatReply> onChat;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private Running running;

  /** A request waiting for its turn. */
  private record Queued(
      String requestId, String senderId, String trigger, JsonObject extra, JsonArray messageIds) {}

  /** The turn streaming now. */
  private final class Running {
    final Queued turn;
    final String streamId = ModelReply.newId();
    final ReplyBuilder builder = new ReplyBuilder();
    final AwakeHold hold;
    long timer = -1;
    boolean anyChunk;

    Running(Queued turn) {
      this.turn = turn;
      this.hold = agent.holdAwake();
    }
  }

  /**
   * @param agent the chat agent (its database, sockets and context)
   * @param transcript its transcript
   * @param log its chunk log
   * @param onChat what makes a turn's reply ({@code ChatAgent.onChatMessage})
   */
  public ChatTurns(
      Agent<?> agent,
      TranscriptStore transcript,
      ChunkLog log,
      Function<ChatTurn, ChatReply> onChat) {
    this.agent = agent;
    this.transcript = transcript;
    this.log = log;
    this.onChat = onChat;
  }

  /**
   * Handles a {@code cf_agent_use_chat_request} whose {@code init.method} is {@code POST}.
   *
   * @param senderId the id of the socket that sent it
   * @param frame the frame
   */
  public void request(String senderId, JsonObject frame) {
    JsonObject body;
    try {
      body =
          frame.getValue("id") instanceof String
                  && frame.getJsonObject("init").getValue("body") instanceof String text
              ? new JsonObject(text)
              : null;
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !(body.getValue("messages") instanceof JsonArray messages)) {
      LOG.log(System.Logger.Level.DEBUG, "Dropped a chat request that cannot be used: {0}", frame);
      return;
    }
    List<JsonObject> list = new java.util.ArrayList<>();
    for (Object m : messages) {
      if (!(m instanceof JsonObject message) || !(message.getValue("id") instanceof String)) {
        LOG.log(System.Logger.Level.DEBUG, "Dropped a chat request with a bad message: {0}", frame);
        return;
      }
      list.add(message);
    }
    JsonArray messageIds = new JsonArray();
    for (int i = list.size() - 1; i >= 0 && "user".equals(list.get(i).getValue("role")); i--) {
      messageIds.add(0, list.get(i).getString("id"));
    }
    String trigger =
        "regenerate-message".equals(body.getValue("trigger"))
            ? "regenerate-message"
            : "submit-message";
    JsonObject extra = body.copy();
    extra.remove("messages");
    extra.remove("trigger");
    extra.remove("clientTools");
    transcript.applyRequest(list);
    agent.broadcast(transcriptFrame(), senderId);
    queue.add(new Queued(frame.getString("id"), senderId, trigger, extra, messageIds));
    next();
  }

  private String transcriptFrame() {
    return new JsonObject()
        .put("type", MESSAGES)
        .put("messages", new JsonArray(List.copyOf(transcript.messages())))
        .encode();
  }

  private void next() {
    if (running != null || queue.isEmpty()) {
      return;
    }
    Running turn = new Running(queue.poll());
    running = turn;
    log.begin(turn.streamId, turn.turn.requestId());
    turn.timer = agent.vertx().setPeriodic(FLUSH_MS, t -> agent.runOnInstance(this::flush));
    ChatReply reply;
    try {
      reply =
          onChat.apply(
              new ChatTurn(
                  turn.turn.requestId(),
                  transcript.messages(),
                  turn.turn.trigger(),
                  turn.turn.extra()));
    } catch (RuntimeException e) {
      end(turn, e);
      return;
    }
    if (reply == null) {
      end(turn, null);
      return;
    }
    ChatReply.Sink sink = sink(turn);
    try {
      reply.start(sink);
    } catch (RuntimeException e) {
      sink.fail(e);
    }
  }

  private void flush() {
    if (running != null) {
      log.flush();
    }
  }

  private ChatReply.Sink sink(Running turn) {
    return new TurnSink(agent, chunk -> chunk(turn, chunk), (v, error) -> end(turn, error));
  }

  private void chunk(Running turn, JsonObject chunk) {
    if (running != turn) {
      return;
    }
    if ("error".equals(chunk.getValue("type"))) {
      end(turn, new RuntimeException(String.valueOf(chunk.getValue("errorText"))));
      return;
    }
    String body = chunk.encode();
    long seq = log.append(body);
    turn.builder.apply(chunk);
    turn.anyChunk = true;
    agent.broadcast(
        new JsonObject()
            .put("type", RESPONSE)
            .put("id", turn.turn.requestId())
            .put("body", body)
            .put("done", false)
            .put("seq", seq)
            .encode());
    if (log.pendingCount() >= FLUSH_CHUNKS) {
      log.flush();
    }
  }

  private void end(Running turn, Throwable error) {
    if (running != turn) {
      return;
    }
    agent.vertx().cancelTimer(turn.timer);
    try {
      store(turn, error);
    } finally {
      running = null;
      turn.hold.release();
      next();
    }
  }

  /** Stores the reply, sends the transcript to the others, then the error and terminal frames. */
  private void store(Running turn, Throwable error) {
    try {
      log.flush();
      if (turn.anyChunk) {
        transcript.saveReply(turn.builder.message());
      }
      log.finish(turn.streamId);
      if (turn.anyChunk) {
        agent.broadcast(transcriptFrame(), turn.turn.senderId());
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not store the chat reply", e);
      error = error == null ? e : error;
    }
    JsonObject terminal =
        new JsonObject()
            .put("type", RESPONSE)
            .put("id", turn.turn.requestId())
            .put("body", "")
            .put("done", true);
    if (!turn.turn.messageIds().isEmpty()) {
      terminal.put("messageIds", turn.turn.messageIds());
    }
    if (error != null) {
      LOG.log(System.Logger.Level.DEBUG, "A chat turn failed", error);
      JsonObject failed =
          new JsonObject()
              .put("type", RESPONSE)
              .put("id", turn.turn.requestId())
              .put("body", String.valueOf(error.getMessage()))
              .put("done", false)
              .put("error", true);
      if (!turn.turn.messageIds().isEmpty()) {
        failed.put("messageIds", turn.turn.messageIds());
      }
      agent.broadcast(failed.encode());
      terminal.put("outcome", "error");
    }
    agent.broadcast(terminal.encode());
  }
}
