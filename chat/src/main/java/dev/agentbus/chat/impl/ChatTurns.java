package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import dev.agentbus.AwakeHold;
import dev.agentbus.Connection;
import dev.agentbus.chat.ChatReply;
import dev.agentbus.chat.ChatTurn;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The chat turns of one instance, run one after another as docs/protocol.md ("A turn") says: a
 * turn's reply streams its chunks to every socket but the waiting ones and into the {@link
 * ChunkLog} (written 100 ms after the first unwritten chunk, or at 256), is saved, the terminal
 * frame goes to every socket, and the transcript to the other sockets. Requests and continuations
 * share one queue; a turn can be cancelled (aborted) or dropped by a clear. Everything here runs on
 * the instance's context; the reply's chunks are moved onto it with {@code runOnInstance}.
 */
public final class ChatTurns {

  private static final System.Logger LOG = System.getLogger(ChatTurns.class.getName());
  static final long FLUSH_MS = 100;
  private static final long QUIET_CHECK_MS = 1000;
  static final int FLUSH_CHUNKS = 256;

  final Agent<?> agent;
  final TranscriptStore transcript;
  final ChunkLog log;
  final StreamResumes resumes;
  final Continuations continuations;
  private final Function<ChatTurn, ChatReply> onChat;
  private final java.util.function.LongSupplier quietTimeoutMs;
  private final ArrayDeque<QueuedTurn> queue = new ArrayDeque<>();
  private @Nullable Running running;
  private @Nullable InterruptedTurn offer;
  private final EndedTurns ended = new EndedTurns();
  List<JsonObject> clientTools = List.of();
  JsonObject extraBody = new JsonObject();

  /** The turn running now. */
  final class Running {
    final QueuedTurn turn;
    final String streamId = Ids.newId();
    final ReplyBuilder builder;
    final AwakeHold hold = agent.holdAwake();
    final TurnSink sink;
    long timer = -1;
    long flushTimer = -1;
    long lastChunkNanos = System.nanoTime();
    boolean anyChunk;

    Running(QueuedTurn turn, ReplyBuilder builder) {
      this.turn = turn;
      this.builder = builder;
      this.sink =
          new TurnSink(agent, chunk -> chunk(this, chunk), (v, error) -> failed(this, error));
    }
  }

  /**
   * @param agent the chat agent (its database, sockets and context)
   * @param transcript its transcript
   * @param log its chunk log
   * @param onChat what makes a turn's reply ({@code ChatAgent.onChatMessage})
   * @param quietTimeoutMs how long a reply may send nothing before it fails
   */
  public ChatTurns(
      Agent<?> agent,
      TranscriptStore transcript,
      ChunkLog log,
      Function<ChatTurn, ChatReply> onChat,
      java.util.function.LongSupplier quietTimeoutMs) {
    this.agent = agent;
    this.quietTimeoutMs = quietTimeoutMs;
    this.transcript = transcript;
    this.log = log;
    this.onChat = onChat;
    this.resumes = new StreamResumes(this);
    this.continuations = new Continuations(this);
    this.offer = InterruptedReplies.recover(agent, log, transcript);
  }

  /** Queues a turn (the request's messages are written already) and starts it if it is free. */
  void accept(QueuedTurn turn) {
    queue.add(turn);
    next();
  }

  /** Starts the next turn, if none runs: a queued one, else a continuation that is due. */
  void next() {
    if (running != null) {
      return;
    }
    QueuedTurn turn = queue.poll();
    if (turn == null) {
      turn = continuations.due();
    }
    if (turn == null) {
      resumes.nothingToStream();
      return;
    }
    start(turn);
  }

  private void start(QueuedTurn turn) {
    if (offer != null) {
      // the interrupted reply is no longer offered: sockets waiting for it stop waiting
      log.finish(offer.streamId());
      ended.put(offer.requestId(), new EndedTurn(offer.messageIds(), "aborted", false, List.of()));
      offer = null;
      resumes.streamEnded();
    }
    ReplyBuilder builder = new ReplyBuilder();
    if (turn.continuation()) {
      JsonObject last = transcript.lastAssistant();
      builder = last == null ? builder : new ReplyBuilder(last);
    }
    Running r = new Running(turn, builder);
    running = r;
    log.begin(r.streamId, turn.requestId(), turn.messageIds().encode(), turn.continuation());
    r.timer =
        agent.vertx().setPeriodic(QUIET_CHECK_MS, t -> agent.runOnInstance(() -> checkQuiet(r)));
    ChatReply reply;
    try {
      reply =
          onChat.apply(
              new ChatTurn(
                  turn.requestId(),
                  transcript.messages(),
                  turn.trigger(),
                  turn.extra(),
                  clientTools,
                  turn.continuation()));
    } catch (RuntimeException e) {
      end(r, e, "error", true);
      return;
    }
    if (reply == null) {
      end(r, null, null, true);
      return;
    }
    try {
      reply.start(r.sink);
    } catch (RuntimeException e) {
      r.sink.fail(e);
    }
  }

  /** Writes the pending chunks, {@value #FLUSH_MS} ms after the first of them came. */
  private void flushDue(Running r) {
    r.flushTimer = -1;
    if (running == r) {
      log.flush();
    }
  }

  /** Every second: fails a reply that has gone quiet too long. */
  private void checkQuiet(Running r) {
    if (running != r) {
      return;
    }
    long quietMs = (System.nanoTime() - r.lastChunkNanos) / 1_000_000;
    if (quietMs >= quietTimeoutMs.getAsLong()) {
      r.sink.cancel();
      end(
          r,
          new IllegalStateException(
              "The reply stopped: nothing came from it for " + quietMs / 1000 + " s"),
          "error",
          true);
    }
  }

  private void chunk(Running r, JsonObject chunk) {
    if (running != r) {
      return;
    }
    if ("error".equals(chunk.getValue("type"))) {
      end(r, new IllegalStateException(String.valueOf(chunk.getValue("errorText"))), "error", true);
      return;
    }
    if (r.turn.continuation() && "start".equals(chunk.getValue("type"))) {
      chunk.remove("messageId");
    }
    if (!r.anyChunk) {
      r.anyChunk = true;
      resumes.streamStarted(r.turn.requestId());
    }
    r.lastChunkNanos = System.nanoTime();
    String body = chunk.encode();
    long seq = log.append(body);
    r.builder.apply(chunk);
    agent.broadcast(
        ChatFrames.chunk(r.turn.requestId(), body, seq, r.turn.continuation(), false),
        resumes.excluded());
    if (log.pendingCount() >= FLUSH_CHUNKS) {
      log.flush();
    } else if (r.flushTimer < 0) {
      r.flushTimer = agent.vertx().setTimer(FLUSH_MS, t -> agent.runOnInstance(() -> flushDue(r)));
    }
  }

  private void failed(Running r, @Nullable Throwable error) {
    end(r, error, error == null ? null : "error", true);
  }

  /**
   * Ends a turn: stores its reply (unless {@code store} is false), sends the transcript to the
   * others, the error frame and the terminal frame, then starts the next turn.
   */
  private void end(Running r, @Nullable Throwable error, @Nullable String outcome, boolean store) {
    if (running != r) {
      return;
    }
    agent.vertx().cancelTimer(r.timer);
    agent.vertx().cancelTimer(r.flushTimer);
    QueuedTurn turn = r.turn;
    // a socket still waiting gets the turn from its ack: the chunks stay until the next turn
    List<String> kept = List.of();
    boolean saved = false;
    try {
      kept = resumes.excluded().length > 0 && store ? log.chunks(r.streamId) : List.of();
      if (store && r.anyChunk) {
        // the reply and the end of its log in one transaction; chunks not yet written never are
        JsonObject reply = r.builder.message();
        agent.transaction(
            () -> {
              transcript.saveReply(reply);
              log.finish(r.streamId);
              return null;
            });
        saved = true;
      } else {
        log.finish(r.streamId);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not store the chat reply", e);
      error = error == null ? e : error;
      outcome = "error";
    }
    try {
      if (error != null) {
        LOG.log(System.Logger.Level.DEBUG, "A chat turn failed", error);
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        agent.broadcast(
            ChatFrames.error(turn.requestId(), text, turn.messageIds(), turn.continuation()),
            resumes.excluded());
      }
      agent.broadcast(
          ChatFrames.terminal(
              turn.requestId(), turn.messageIds(), outcome, turn.continuation(), false));
      if (saved) {
        // after the terminal frame, so that no page merges it into a reply it still streams;
        // waiting sockets too: one that never acks still ends with the stored reply
        sendTranscript(turn.continuation() ? new String[0] : new String[] {turn.senderId()});
      }
    } finally {
      ended.put(
          turn.requestId(), new EndedTurn(turn.messageIds(), outcome, turn.continuation(), kept));
      resumes.streamEnded();
      running = null;
      r.hold.release();
      next();
    }
  }

  /**
   * Cancels a turn ({@code cf_agent_chat_request_cancel}): a running one stops and its reply so far
   * is stored; a queued one never runs; either way every socket gets the terminal frame {@code
   * aborted}. A scheduled continuation is dropped.
   *
   * @param requestId the turn's id
   */
  void cancel(String requestId) {
    if (running != null && running.turn.requestId().equals(requestId)) {
      Running r = running;
      r.sink.cancel();
      end(r, null, "aborted", true);
      return;
    }
    for (QueuedTurn turn : queue) {
      if (turn.requestId().equals(requestId)) {
        queue.remove(turn);
        ended.put(
            requestId, new EndedTurn(turn.messageIds(), "aborted", turn.continuation(), List.of()));
        agent.broadcast(
            ChatFrames.terminal(
                requestId, turn.messageIds(), "aborted", turn.continuation(), false));
        next();
        return;
      }
    }
    continuations.cancel(requestId);
  }

  /**
   * Clears the chat ({@code cf_agent_chat_clear}), as docs/protocol.md ("Clear") says.
   *
   * @param senderId the socket that asked
   */
  void clear(String senderId) {
    List<QueuedTurn> dropped = new ArrayList<>(queue);
    queue.clear();
    continuations.drop();
    if (running != null) {
      Running r = running;
      r.sink.cancel();
      end(r, null, "aborted", false);
    }
    for (QueuedTurn turn : dropped) {
      Connection sender = agent.getConnection(turn.senderId());
      if (sender != null) {
        sender.send(
            ChatFrames.terminal(turn.requestId(), turn.messageIds(), "skipped", false, false));
      }
    }
    transcript.clear();
    log.clearAll();
    offer = null;
    ended.clear();
    clientTools = List.of();
    extraBody = new JsonObject();
    resumes.forgetAll();
    agent.broadcast(ChatFrames.clear(), senderId);
  }

  /** Stops at a shutdown: what is not on disk is written, the model call stops; nothing else. */
  void stop() {
    if (running != null) {
      log.flush();
      running.sink.cancel();
      agent.vertx().cancelTimer(running.timer);
      agent.vertx().cancelTimer(running.flushTimer);
      running.hold.release();
      running = null;
    }
    continuations.drop();
  }

  /** Sends the whole transcript to every socket but some, if there is any other. */
  void sendTranscript(String[] excluded) {
    List<String> skipped = java.util.Arrays.asList(excluded);
    if (agent.getConnections(null).stream().anyMatch(c -> !skipped.contains(c.id()))) {
      agent.broadcast(ChatFrames.transcript(transcript.messages()), excluded);
    }
  }

  /** {@return the turn running now, or {@code null}} */
  @Nullable Running running() {
    return running;
  }

  /** {@return the reply on offer after a restart, or {@code null}} */
  @Nullable InterruptedTurn offer() {
    return offer;
  }

  /** {@return how a recent turn ended, or {@code null} if it is not known} */
  @Nullable EndedTurn ended(String requestId) {
    return ended.get(requestId);
  }

  /** {@return the id of the stream a socket may attach to: the one streaming, or the offer} */
  @Nullable String streamOnOffer() {
    if (running != null && running.anyChunk) {
      return running.turn.requestId();
    }
    return offer == null ? null : offer.requestId();
  }

  /** {@return the latest accepted turn that is not streaming yet, or {@code null}} */
  @Nullable String latestAccepted() {
    if (!queue.isEmpty()) {
      return queue.peekLast().requestId();
    }
    return running == null || running.anyChunk ? null : running.turn.requestId();
  }

  /** {@return the running continuation's owner, or {@code null} if no continuation streams} */
  @Nullable String continuationOwner() {
    return running != null && running.turn.continuation() ? running.turn.senderId() : null;
  }

  /** {@return the message streaming now, to apply a tool result to, or {@code null}} */
  @Nullable ReplyBuilder streaming() {
    return running == null ? null : running.builder;
  }
}
