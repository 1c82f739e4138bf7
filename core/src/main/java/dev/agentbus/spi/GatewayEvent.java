package dev.agentbus.spi;

import dev.agentbus.ConnectionContext;
import io.vertx.core.buffer.Buffer;

/**
 * What a gateway hands an instance: a connection opened, a frame arrived on it, it closed, or an
 * HTTP request came. On this node an event travels by reference through an {@link InstanceChannel}
 * (the instance gets the connection object itself, never looks it up); {@link GatewayEventCodec}
 * defines the serialisable form an event takes when it must travel to another node.
 */
public sealed interface GatewayEvent {

  /**
   * A socket opened. The instance decides the connection's settings, sends the connect frames
   * (identity, state, MCP servers) and runs {@code onConnect}.
   *
   * @param connection the new connection
   * @param context what the client sent when it connected
   */
  record Connect(HubConnection connection, ConnectionContext context) implements GatewayEvent {}

  /**
   * A message arrived on a socket. The instance answers by writing to the connection and calls
   * {@link HubConnection#frameProcessed()} once the frame's work is over.
   *
   * @param connection the connection it came on
   * @param data a {@code String} (text frame) or a {@link Buffer} (binary frame)
   */
  record Frame(HubConnection connection, Object data) implements GatewayEvent {

    /**
     * Checks the data's type.
     *
     * @throws IllegalArgumentException if the data is neither text nor binary
     */
    public Frame {
      if (!(data instanceof String) && !(data instanceof Buffer)) {
        throw new IllegalArgumentException("A frame is a String or a Buffer, not " + data);
      }
    }
  }

  /**
   * A socket closed; the gateway no longer lists the connection.
   *
   * @param connection the closed connection (its state and tags are still readable)
   * @param code the close code (1006 if the socket closed without a close frame)
   * @param reason the close reason
   * @param wasClean whether the close handshake completed
   */
  record Close(HubConnection connection, int code, String reason, boolean wasClean)
      implements GatewayEvent {}

  /**
   * An HTTP request to the instance.
   *
   * @param exchange the request and the way back
   */
  record Http(HttpExchange exchange) implements GatewayEvent {}
}
