package dev.agentbus.gateway.impl;

import dev.agentbus.StreamCancelledException;
import dev.agentbus.spi.HubConnectionBase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open WebSocket as instances see it. Its id is the client's {@code _pk}; its key is unique per
 * socket. Sends are safe from any thread (Vert.x hands them to the socket's event loop).
 *
 * <p>It counts the bytes written and not yet taken by the client's TCP connection: a stream waits
 * ({@link #writable}) while they exceed {@link Limits#streamBufferBytes}, and a client that lets
 * them pass {@link Limits#maxQueuedBytes} (it reads nothing while broadcasts pile up) is closed
 * with 1008.
 */
final class SocketConnection extends HubConnectionBase {

  /** The close code of a client that reads too slowly. */
  static final int TOO_SLOW = 1008;

  /** Its close reason. */
  static final String TOO_SLOW_REASON = "Client too slow";

  /**
   * What a queued message costs beyond its characters: the objects Vert.x and Netty keep for it
   * until it is written (frame, buffer, promises), about 190 bytes by a heap histogram of a node
   * streaming small chunks. Counted so that the limits bound memory, not just payload.
   */
  static final int MESSAGE_OVERHEAD_BYTES = 192;

  /** The write limits of a socket. */
  record Limits(int maxPendingFrames, long streamBufferBytes, long maxQueuedBytes) {}

  private final ServerWebSocket socket;
  private final Context context;
  private final Limits limits;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final List<Promise<Void>> waitingForDrain = new ArrayList<>(); // on the socket's context
  private volatile boolean open = true;
  private volatile boolean paused;
  private volatile boolean tooSlow;
  volatile long lastHeardMillis = System.currentTimeMillis();

  SocketConnection(String key, String id, ServerWebSocket socket, Context context, Limits limits) {
    super(key, id);
    this.socket = socket;
    this.context = context;
    this.limits = limits;
  }

  ServerWebSocket socket() {
    return socket;
  }

  @Override
  public void send(String text) {
    if (open) {
      // a character is one byte in the frames of the protocol (JSON is mostly ASCII); close enough
      // for a bound, and cheaper than encoding twice
      queued(text.length() + MESSAGE_OVERHEAD_BYTES, socket.writeTextMessage(text));
    }
  }

  @Override
  public void send(Buffer data) {
    if (open) {
      queued(data.length() + MESSAGE_OVERHEAD_BYTES, socket.writeBinaryMessage(data));
    }
  }

  private void queued(int bytes, Future<Void> written) {
    long now = queuedBytes.addAndGet(bytes);
    written.onComplete(ignored -> taken(bytes));
    if (now > limits.maxQueuedBytes() && open) {
      // nothing more is written to it: its close frame waits behind what it did not read, and
      // the socket's close, not the client, reports the code
      tooSlow = true;
      open = false;
      socket.close((short) TOO_SLOW, TOO_SLOW_REASON);
    }
  }

  /** {@return whether the gateway closed it because it read too slowly} */
  boolean closedAsTooSlow() {
    return tooSlow;
  }

  /** On the socket's context: the connection took a message's bytes (or the socket closed). */
  private void taken(int bytes) {
    long now = queuedBytes.addAndGet(-bytes);
    if (now <= limits.streamBufferBytes() / 2 && !waitingForDrain.isEmpty()) {
      List<Promise<Void>> ready = List.copyOf(waitingForDrain);
      waitingForDrain.clear();
      ready.forEach(Promise::tryComplete);
    }
  }

  @Override
  public Future<Void> writable() {
    if (!open) {
      return Future.failedFuture(new StreamCancelledException("The connection closed"));
    }
    if (queuedBytes.get() <= limits.streamBufferBytes()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    context.runOnContext(
        ignored -> {
          if (!open) {
            drained.fail(new StreamCancelledException("The connection closed"));
          } else if (queuedBytes.get() <= limits.streamBufferBytes() / 2) {
            drained.complete();
          } else {
            waitingForDrain.add(drained);
          }
        });
    return drained.future();
  }

  /**
   * Closes the socket; from now on nothing more is sent to it (RFC 6455: no data after Close), and
   * its streams stop.
   */
  @Override
  public void close(int code, String reason) {
    if (open) {
      open = false;
      socket.close((short) code, reason);
      context.runOnContext(ignored -> closed()); // its streams stop now, not after the handshake
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /**
   * On the socket's context: the socket closed, or the client sent its close frame; streams waiting
   * for it are cancelled and nothing more is written.
   */
  void closed() {
    open = false;
    List<Promise<Void>> waiting = List.copyOf(waitingForDrain);
    waitingForDrain.clear();
    waiting.forEach(p -> p.tryFail(new StreamCancelledException("The connection closed")));
  }

  /**
   * Whether the gateway stopped reading the socket (flow control). While it does, the client's
   * pongs are not read either, so the socket's silence says nothing about the client.
   */
  boolean readingPaused() {
    return paused;
  }

  /** A frame goes to the instance; stop reading the socket while too many are in flight. */
  void frameSent() {
    if (pending.incrementAndGet() >= limits.maxPendingFrames() && !paused) {
      paused = true;
      socket.pause();
      // The instance may have drained its frames before it could see the pause: look again.
      resumeIfDrained();
    }
  }

  @Override
  public void frameProcessed() {
    if (pending.decrementAndGet() <= limits.maxPendingFrames() / 2 && paused) {
      context.runOnContext(ignored -> resumeIfDrained());
    }
  }

  /** On the socket's context: reads the socket again once half its frames in flight are done. */
  private void resumeIfDrained() {
    if (paused && pending.get() <= limits.maxPendingFrames() / 2) {
      paused = false;
      socket.resume();
    }
  }
}
