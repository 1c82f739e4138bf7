package dev.agentbus.chat.impl;

import dev.agentbus.Connection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The resume handshake of one chat instance (docs/protocol.md, "Resuming a stream"): which sockets
 * are <em>waiting</em> (told {@code cf_agent_stream_resuming}, not acked yet: they get no live
 * chunk until their ack's replay) and which are <em>watching</em> (told {@code
 * cf_agent_stream_pending}: they are told {@code resuming} when a stream starts, or {@code
 * resume_none} if none does).
 */
final class StreamResumes {

  private static final String[] NONE = new String[0];

  private final ChatTurns turns;
  private final Set<String> waiting = new LinkedHashSet<>();
  private final Set<String> watching = new LinkedHashSet<>();
  private String[] excluded = NONE;

  StreamResumes(ChatTurns turns) {
    this.turns = turns;
  }

  /** A socket connected: it is offered the stream running (or interrupted), or told to wait. */
  void connected(Connection socket) {
    String stream = turns.streamOnOffer();
    if (stream != null) {
      socket.send(ChatFrames.resuming(stream, null));
      wait(socket.id());
    } else if (turns.latestAccepted() != null) {
      socket.send(ChatFrames.pending(turns.latestAccepted(), null));
      watching.add(socket.id());
    }
  }

  /** A {@code cf_agent_stream_resume_request}: exactly one direct answer. */
  void request(Connection socket, @Nullable String probeId) {
    String owner = turns.continuationOwner();
    String stream = turns.streamOnOffer();
    String continuation = turns.continuations.scheduledId();
    if (owner != null && !owner.equals(socket.id()) && turns.agent.getConnection(owner) != null) {
      socket.send(ChatFrames.resumeNone("continuation-owned", probeId));
    } else if (stream != null) {
      socket.send(ChatFrames.resuming(stream, probeId));
      wait(socket.id());
    } else if (continuation != null) {
      socket.send(ChatFrames.pending(continuation, probeId));
      watching.add(socket.id());
    } else if (turns.latestAccepted() != null) {
      socket.send(ChatFrames.pending(turns.latestAccepted(), probeId));
      watching.add(socket.id());
    } else {
      socket.send(ChatFrames.resumeNone("idle", probeId));
    }
  }

  /** A {@code cf_agent_stream_resume_ack}: the socket stops waiting and gets its replay. */
  void ack(Connection socket, String requestId) {
    if (waiting.remove(socket.id())) {
      excluded = waiting.toArray(NONE);
    }
    watching.remove(socket.id());
    replay(socket, requestId);
  }

  /**
   * Answers an ack ({@code cf_agent_stream_resume_ack}), as docs/protocol.md says: the running
   * stream's chunks then replay-complete (live frames follow), an interrupted stream's chunks then
   * its {@code aborted} terminal frame, or an ended turn's kept chunks and terminal frame, or an
   * unknown turn's terminal frame.
   */
  private void replay(Connection socket, String requestId) {
    ChatTurns.Running running = turns.running();
    InterruptedTurn offer = turns.offer();
    if (running != null && running.turn.requestId().equals(requestId)) {
      boolean continuation = running.turn.continuation();
      sendChunks(socket, requestId, running.streamId, continuation);
      socket.send(ChatFrames.replayComplete(requestId, continuation));
    } else if (offer != null && offer.requestId().equals(requestId)) {
      sendChunks(socket, requestId, offer.streamId(), false);
      socket.send(ChatFrames.terminal(requestId, offer.messageIds(), "aborted", false, true));
    } else {
      EndedTurn turn = turns.ended(requestId);
      if (turn == null) {
        socket.send(ChatFrames.terminal(requestId, null, null, false, true));
        return;
      }
      for (int seq = 0; seq < turn.chunks().size(); seq++) {
        socket.send(
            ChatFrames.chunk(requestId, turn.chunks().get(seq), seq, turn.continuation(), true));
      }
      socket.send(
          ChatFrames.terminal(
              requestId, turn.messageIds(), turn.outcome(), turn.continuation(), true));
      if (!turn.chunks().isEmpty()) {
        // it waited through the end, so it missed the transcript the others got then
        socket.send(ChatFrames.transcript(turns.transcript.messages()));
      }
    }
  }

  private void sendChunks(Connection socket, String requestId, String streamId, boolean cont) {
    java.util.List<String> chunks = turns.log.chunks(streamId);
    for (int seq = 0; seq < chunks.size(); seq++) {
      socket.send(ChatFrames.chunk(requestId, chunks.get(seq), seq, cont, true));
    }
  }

  /** A turn's first chunk is about to go: the watching sockets are told, and wait for it. */
  void streamStarted(String requestId) {
    for (String id : watching) {
      Connection socket = turns.agent.getConnection(id);
      if (socket != null) {
        socket.send(ChatFrames.resuming(requestId, null));
        waiting.add(id);
      }
    }
    watching.clear();
    excluded = waiting.toArray(NONE);
  }

  /** No turn runs or waits: the watching sockets are told there is nothing to attach to. */
  void nothingToStream() {
    if (turns.continuations.scheduledId() != null) {
      return;
    }
    for (String id : watching) {
      Connection socket = turns.agent.getConnection(id);
      if (socket != null) {
        socket.send(ChatFrames.resumeNone(null, null));
      }
    }
    watching.clear();
  }

  /** The stream ended (its terminal frame went to every socket): no socket waits any more. */
  void streamEnded() {
    waiting.clear();
    excluded = NONE;
  }

  /** The chat was cleared: every socket's waiting ends. */
  void forgetAll() {
    waiting.clear();
    watching.clear();
    excluded = NONE;
  }

  /** {@return the sockets that get no live chat frame: the waiting ones} */
  String[] excluded() {
    return excluded;
  }

  /** {@return the waiting sockets and one more} */
  String[] excluded(@Nullable String also) {
    if (also == null) {
      return excluded;
    }
    String[] out = java.util.Arrays.copyOf(excluded, excluded.length + 1);
    out[excluded.length] = also;
    return out;
  }

  private void wait(String id) {
    if (waiting.add(id)) {
      excluded = waiting.toArray(NONE);
    }
  }
}
