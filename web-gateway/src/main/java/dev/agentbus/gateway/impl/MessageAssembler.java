package dev.agentbus.gateway.impl;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Builds a socket's messages from its frames, in place of Vert.x's text and binary message
 * handlers, and refuses what those let through: a message over {@code maxMessageBytes} closes the
 * socket with 1009 (Message Too Big) before it is assembled, and a text message that is not valid
 * UTF-8 closes it with 1007 (Invalid Frame Payload Data, RFC 6455 section 8.1) where Vert.x would
 * hand on a text with U+FFFD in place of the bad bytes. Runs on the socket's event loop.
 */
final class MessageAssembler implements Handler<WebSocketFrame> {

  private final ServerWebSocket socket;
  private final int max;
  private final Handler<String> texts;
  private final Handler<Buffer> binaries;
  private Buffer fragments;
  private boolean text;
  private boolean refused;

  /**
   * @param socket the socket
   * @param max the largest message, in bytes
   * @param texts receives each text message
   * @param binaries receives each binary message
   */
  MessageAssembler(
      ServerWebSocket socket, int max, Handler<String> texts, Handler<Buffer> binaries) {
    this.socket = socket;
    this.max = max;
    this.texts = texts;
    this.binaries = binaries;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (refused || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return; // pings, pongs and the close frame are Vert.x's
    }
    Buffer data = frame.binaryData();
    if (!frame.isContinuation()) {
      text = frame.isText();
      fragments = null;
    }
    long length = (fragments == null ? 0 : fragments.length()) + (long) data.length();
    if (length > max) {
      refuse(1009, "Message too big");
      return;
    }
    if (!frame.isFinal()) {
      fragments = fragments == null ? data.copy() : fragments.appendBuffer(data);
      return;
    }
    Buffer message = fragments == null ? data : fragments.appendBuffer(data);
    fragments = null;
    if (!text) {
      binaries.handle(message);
      return;
    }
    String decoded = message.toString(StandardCharsets.UTF_8);
    // the decoder puts U+FFFD for each bad sequence; a valid text may hold U+FFFD too
    if (decoded.indexOf('\uFFFD') >= 0 && !isUtf8(message)) {
      refuse(1007, "Invalid UTF-8");
      return;
    }
    texts.handle(decoded);
  }

  private void refuse(int code, String reason) {
    refused = true;
    fragments = null;
    socket.close((short) code, reason);
  }

  private static boolean isUtf8(Buffer message) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message.getBytes()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
