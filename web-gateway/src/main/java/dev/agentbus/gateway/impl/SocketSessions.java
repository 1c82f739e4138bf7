package dev.agentbus.gateway.impl;

import dev.agentbus.ConnectionContext;
import dev.agentbus.gateway.AgentTarget;
import dev.agentbus.gateway.GatewayOptions;
import dev.agentbus.spi.AgentHost;
import dev.agentbus.spi.GatewayEvent;
import dev.agentbus.spi.InstanceChannel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's WebSockets: upgrades a request, opens one {@link InstanceChannel} per socket (the
 * agent and the name are checked once, there), hands the instance typed events for the socket's
 * opening, each of its messages and its close, and pings quiet sockets.
 */
final class SocketSessions {

  private static final System.Logger LOG = System.getLogger(SocketSessions.class.getName());

  private final Vertx vertx;
  private final GatewayOptions options;
  private final SocketHub hub = new SocketHub();
  private final AtomicLong socketKeys = new AtomicLong();
  private final long pingTimer;
  private final SocketConnection.Limits limits;

  SocketSessions(Vertx vertx, AgentHost agents, GatewayOptions options) {
    this.limits =
        new SocketConnection.Limits(
            options.getMaxPendingFrames(),
            options.getStreamBufferBytes(),
            options.getMaxQueuedBytes());
    this.vertx = vertx;
    this.options = options;
    agents.setConnectionHub(hub);
    long interval = options.getPingIntervalMs();
    pingTimer = interval > 0 ? vertx.setPeriodic(interval, id -> pingSockets(interval)) : -1;
  }

  /** The open sockets. */
  List<SocketConnection> open() {
    return hub.all();
  }

  /** Upgrades a request whose target was accepted and opens its session. */
  void upgrade(RoutingContext context, AgentTarget target, InstanceChannel channel) {
    HttpServerRequest request = context.request();
    String query = request.query() == null ? "" : request.query();
    String pk = request.getParam("_pk");
    String id = pk == null || pk.isEmpty() ? UUID.randomUUID().toString() : pk;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    ChannelPipeline pipeline = ChannelAccess.vertxHandler(request.connection()).pipeline();
    request
        .toWebSocket()
        .onSuccess(
            socket -> {
              // in the task that sent the 101: no frame of the client's has been read yet
              gate(pipeline, socket);
              open(socket, channel, target, id, query, headers);
            })
        .onFailure(e -> LOG.log(Level.DEBUG, "WebSocket upgrade failed: " + e.getMessage()));
  }

  private void gate(ChannelPipeline pipeline, ServerWebSocket socket) {
    String decoder = pipeline.context(WebSocketFrameDecoder.class).name();
    pipeline.addBefore(
        decoder,
        "agentbus-frame-gate",
        new FrameSizeGate(
            options.getMaxMessageBytes(), () -> socket.close((short) 1009, "Message too big")));
  }

  private void open(
      ServerWebSocket socket,
      InstanceChannel channel,
      AgentTarget target,
      String id,
      String query,
      MultiMap headers) {
    String key = String.format("%016x", socketKeys.incrementAndGet());
    SocketConnection connection =
        new SocketConnection(key, id, socket, vertx.getOrCreateContext(), limits);
    hub.add(target.agent(), target.name(), connection);
    MessageAssembler assembler =
        new MessageAssembler(
            options.getMaxMessageBytes(),
            connection::close,
            text -> forward(connection, channel, text),
            data -> forward(connection, channel, data));
    socket.frameHandler(
        frame -> {
          if (frame.isClose()) {
            // the client is leaving: its streams stop now, not once it has read what is queued
            connection.closed();
          }
          assembler.handle(frame);
        });
    socket.pongHandler(pong -> connection.lastHeardMillis = System.currentTimeMillis());
    socket.exceptionHandler(e -> failed(connection, e));
    AtomicBoolean closed = new AtomicBoolean();
    socket.closeHandler(ignored -> closed(connection, channel, target, closed));
    // the instance answers by writing the connect frames to the socket
    channel
        .deliver(
            new GatewayEvent.Connect(
                connection, new ConnectionContext(target.subPath(), query, headers)))
        .onFailure(
            e -> {
              LOG.log(Level.WARNING, "Connect to " + target + " failed: " + e.getMessage());
              connection.close(1011, "Agent unavailable");
            });
  }

  /**
   * Vert.x reports a frame its decoder refused (RFC 6455: a protocol error, a frame over the size
   * limit, a close reason that is not UTF-8), then drops the connection: the close frame of the
   * refusal's status (1002, 1009, 1007) goes first. (When the refused frame came in the same read
   * as frames before it, Vert.x drops the connection before this close frame is flushed.)
   */
  private static void failed(SocketConnection connection, Throwable error) {
    LOG.log(Level.DEBUG, () -> "WebSocket error: " + error.getMessage());
    if (error instanceof CorruptedWebSocketFrameException refused) {
      WebSocketCloseStatus status = refused.closeStatus();
      connection.close(status.code(), status.reasonText());
    }
  }

  private void forward(SocketConnection connection, InstanceChannel channel, Object data) {
    connection.lastHeardMillis = System.currentTimeMillis();
    connection.frameSent();
    channel
        .deliver(new GatewayEvent.Frame(connection, data))
        .onFailure(
            e -> {
              connection.frameProcessed();
              connection.close(1011, "Agent unavailable");
            });
  }

  private void closed(
      SocketConnection connection,
      InstanceChannel channel,
      AgentTarget target,
      AtomicBoolean closed) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    connection.closed();
    hub.remove(target.agent(), target.name(), connection);
    ServerWebSocket socket = connection.socket();
    Short code = socket.closeStatusCode();
    GatewayEvent.Close event;
    if (connection.closedAsTooSlow()) {
      event =
          new GatewayEvent.Close(
              connection, SocketConnection.TOO_SLOW, SocketConnection.TOO_SLOW_REASON, false);
    } else {
      event =
          new GatewayEvent.Close(
              connection,
              code == null ? 1006 : code.intValue(),
              socket.closeReason() == null ? "" : socket.closeReason(),
              code != null);
    }
    channel.deliver(event);
  }

  private void pingSockets(long interval) {
    long silentSince = System.currentTimeMillis() - 2 * interval;
    long now = System.currentTimeMillis();
    for (SocketConnection connection : hub.all()) {
      if (connection.readingPaused()) {
        connection.lastHeardMillis = now; // we are not reading it: its pongs wait in the socket
      } else if (connection.lastHeardMillis < silentSince) {
        connection.close(1001, "No answer to pings");
      } else if (connection.isOpen()) {
        connection.socket().writePing(Buffer.buffer());
      }
    }
  }

  /** Stops the pings and closes every socket with 1001. */
  void close() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    for (SocketConnection connection : hub.all()) {
      connection.close(1001, "Going away");
    }
  }
}
