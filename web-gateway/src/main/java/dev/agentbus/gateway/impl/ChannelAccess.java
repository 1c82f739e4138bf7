package dev.agentbus.gateway.impl;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Reaches the Netty channel of one of the gateway's HTTP connections. Vert.x 5 keeps it in its
 * implementation ({@code ConnectionBase}, checked against 5.0.10), and offers no option for what
 * the gateway adds there: read timeouts ({@link HttpReadGuard}) and the WebSocket frame gate
 * ({@link FrameSizeGate}). This is the only place the gateway leaves Vert.x's public API.
 */
final class ChannelAccess {

  private ChannelAccess() {}

  /**
   * @param connection an HTTP/1.x connection of a Vert.x server
   * @return the context of Vert.x's own handler in the connection's pipeline: the handlers the
   *     gateway adds go in front of it
   */
  static ChannelHandlerContext vertxHandler(HttpConnection connection) {
    return ((ConnectionBase) connection).channelHandlerContext();
  }
}
