package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a {@link RawConnection}: sends frames byte for byte as a test builds them
 * (one huge frame, invalid UTF-8 in a text frame), and reads the server's frames, so it tells a
 * close frame's code from a connection dropped without one (1006).
 */
final class RawConnectionWebSocket {

  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;

  /** A frame from the server. */
  record Frame(int opcode, boolean fin, Buffer payload) {
    String text() {
      return payload.toString(StandardCharsets.UTF_8);
    }
  }

  private final RawConnection connection;
  private final int headLength;

  private RawConnectionWebSocket(RawConnection connection, int headLength) {
    this.connection = connection;
    this.headLength = headLength;
  }

  /** Opens a WebSocket to a path of the server at {@code 127.0.0.1:port}. */
  static RawConnectionWebSocket open(Vertx vertx, int port, String path) {
    RawConnection connection =
        RawConnection.open(
            vertx,
            port,
            "GET "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
    assertEquals(101, connection.awaitStatus(), connection.text());
    return new RawConnectionWebSocket(connection, connection.text().indexOf("\r\n\r\n") + 4);
  }

  RawConnection connection() {
    return connection;
  }

  /** Sends one frame, masked as a client's must be, without waiting for the write. */
  RawConnectionWebSocket send(int opcode, boolean fin, byte[] payload) {
    connection.sendWithoutWaiting(frame(opcode, fin, payload));
    return this;
  }

  /** Sends one final text frame of the given bytes. */
  RawConnectionWebSocket sendText(byte[] utf8) {
    return send(TEXT, true, utf8);
  }

  /** The frames received so far. */
  List<Frame> frames() {
    Buffer data = connection.received();
    List<Frame> frames = new ArrayList<>();
    int at = headLength;
    while (at + 2 <= data.length()) {
      int first = data.getUnsignedByte(at);
      int length = data.getUnsignedByte(at + 1) & 0x7F;
      int header = 2;
      if (length == 126) {
        if (at + 4 > data.length()) {
          break;
        }
        length = data.getUnsignedShort(at + 2);
        header = 4;
      } else if (length == 127) {
        if (at + 10 > data.length()) {
          break;
        }
        length = (int) data.getLong(at + 2);
        header = 10;
      }
      if (at + header + length > data.length()) {
        break;
      }
      frames.add(
          new Frame(
              first & 0x0F,
              (first & 0x80) != 0,
              data.getBuffer(at + header, at + header + length)));
      at += header + length;
    }
    return frames;
  }

  /** Waits for a text frame that starts with {@code prefix}, and returns it. */
  String awaitText(String prefix) {
    connection.await(c -> findText(prefix) != null, "a text frame starting with " + prefix);
    return findText(prefix);
  }

  private String findText(String prefix) {
    return frames().stream()
        .filter(f -> f.opcode() == TEXT && f.text().startsWith(prefix))
        .map(Frame::text)
        .findFirst()
        .orElse(null);
  }

  /**
   * Waits for the server's close frame and answers it, as a client must; returns its code, or 1006
   * if the connection closed without one.
   */
  int awaitCloseCode() {
    connection.await(c -> c.isClosed() || closeFrame() != null, "a close frame or the close");
    Frame close = closeFrame();
    if (close == null) {
      return 1006;
    }
    byte[] echo = new byte[2];
    close.payload().getBytes(0, 2, echo);
    send(CLOSE, true, echo);
    return close.payload().getUnsignedShort(0);
  }

  /** Closes the socket as a client does: a close frame (1000), then the server closes. */
  void close() {
    send(CLOSE, true, new byte[] {0x03, (byte) 0xE8});
    connection.awaitClosed();
  }

  private Frame closeFrame() {
    return frames().stream().filter(f -> f.opcode() == CLOSE).findFirst().orElse(null);
  }

  private static Buffer frame(int opcode, boolean fin, byte[] payload) {
    Buffer frame = Buffer.buffer(payload.length + 14);
    frame.appendByte((byte) ((fin ? 0x80 : 0) | opcode));
    if (payload.length < 126) {
      frame.appendByte((byte) (0x80 | payload.length));
    } else if (payload.length < 65536) {
      frame.appendByte((byte) (0x80 | 126)).appendUnsignedShort(payload.length);
    } else {
      frame.appendByte((byte) (0x80 | 127)).appendLong(payload.length);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.appendBytes(mask);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    return frame.appendBytes(masked);
  }
}
