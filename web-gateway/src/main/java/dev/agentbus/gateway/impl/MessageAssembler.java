package dev.agentbus.gateway.impl;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Assembles a socket's messages from its frames and hands each whole message on. A message over the
 * limit is dropped and the socket closed with 1009 (Message Too Big) as soon as the limit is
 * passed, before the message is assembled; a text message that is not valid UTF-8 closes it with
 * 1007 (Invalid Frame Payload Data) where Vert.x would hand on U+FFFD in place of the bad bytes;
 * nothing the socket sends after either is handed on.
 *
 * <p>The gateway assembles messages itself: Vert.x's own assembly (5.0.10) loses a message whose
 * first fragment is empty, and for a text message it fails with an {@code
 * IndexOutOfBoundsException} and stops reading the socket.
 */
final class MessageAssembler implements Handler<WebSocketFrame> {

  /** Closes the socket with a code and a reason. */
  @FunctionalInterface
  interface Closer {
    void close(int code, String reason);
  }

  private final long max;
  private final Closer closer;
  private final Handler<String> texts;
  private final Handler<Buffer> binaries;
  private Buffer fragments;
  private boolean text;
  private long received;
  private boolean closed;

  /**
   * @param max the largest message, in bytes
   * @param closer closes the socket
   * @param texts receives each text message
   * @param binaries receives each binary message
   */
  MessageAssembler(long max, Closer closer, Handler<String> texts, Handler<Buffer> binaries) {
    this.max = max;
    this.closer = closer;
    this.texts = texts;
    this.binaries = binaries;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (closed || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return;
    }
    if (!frame.isContinuation()) {
      text = frame.isText();
      fragments = null;
      received = 0;
    }
    Buffer data = frame.binaryData();
    received += data.length();
    if (received > max) {
      closed = true;
      fragments = null;
      closer.close(1009, "Message too big");
    } else if (!frame.isFinal()) {
      fragments =
          fragments == null ? Buffer.buffer().appendBuffer(data) : fragments.appendBuffer(data);
    } else {
      Buffer message = fragments == null ? data : fragments.appendBuffer(data);
      fragments = null;
      received = 0;
      if (text) {
        String decoded = message.toString(StandardCharsets.UTF_8);
        // the decoder puts U+FFFD for each bad sequence; a valid text may hold U+FFFD too
        if (decoded.indexOf('\uFFFD') >= 0 && !isUtf8(message)) {
          closed = true;
          closer.close(1007, "Invalid UTF-8"); // RFC 6455 section 8.1
          return;
        }
        texts.handle(decoded);
      } else {
        binaries.handle(message);
      }
    }
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
