package dev.agentbus.gateway.impl;

import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * Counts the bytes of the message being received, frame by frame, and closes the socket with 1009
 * (Message Too Big) as soon as a message exceeds the limit, before it is assembled.
 */
final class MessageSizeLimit implements Handler<WebSocketFrame> {

  private final ServerWebSocket socket;
  private final long max;
  private long received;

  MessageSizeLimit(ServerWebSocket socket, long max) {
    this.socket = socket;
    this.max = max;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return;
    }
    received += frame.binaryData().length();
    if (received > max) {
      received = Long.MIN_VALUE; // close once
      socket.close((short) 1009, "Message too big");
    } else if (frame.isFinal()) {
      received = 0;
    }
  }
}
