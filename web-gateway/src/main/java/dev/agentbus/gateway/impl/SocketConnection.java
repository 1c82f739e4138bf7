package dev.agentbus.gateway.impl;

import dev.agentbus.spi.HubConnectionBase;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open WebSocket as instances see it. Its id is the client's {@code _pk}; its key is unique per
 * socket. Sends are safe from any thread (Vert.x hands them to the socket's event loop).
 */
final class SocketConnection extends HubConnectionBase {

  private final ServerWebSocket socket;
  private final Context context;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean open = true;
  private volatile boolean paused;
  volatile long lastHeardMillis = System.currentTimeMillis();

  SocketConnection(String key, String id, ServerWebSocket socket, Context context, int maxPending) {
    super(key, id);
    this.socket = socket;
    this.context = context;
    this.maxPending = maxPending;
  }

  ServerWebSocket socket() {
    return socket;
  }

  @Override
  public void send(String text) {
    if (open) {
      socket.writeTextMessage(text);
    }
  }

  @Override
  public void send(Buffer data) {
    if (open) {
      socket.writeBinaryMessage(data);
    }
  }

  /** Closes the socket; from now on nothing more is sent to it (RFC 6455: no data after Close). */
  @Override
  public void close(int code, String reason) {
    if (open) {
      open = false;
      socket.close((short) code, reason);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  void closed() {
    open = false;
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
    if (pending.incrementAndGet() >= maxPending && !paused) {
      paused = true;
      socket.pause();
      // The instance may have drained its frames before it could see the pause: look again.
      resumeIfDrained();
    }
  }

  @Override
  public void frameProcessed() {
    if (pending.decrementAndGet() <= maxPending / 2 && paused) {
      context.runOnContext(ignored -> resumeIfDrained());
    }
  }

  /** On the socket's context: reads the socket again once half its frames in flight are done. */
  private void resumeIfDrained() {
    if (paused && pending.get() <= maxPending / 2) {
      paused = false;
      socket.resume();
    }
  }
}
