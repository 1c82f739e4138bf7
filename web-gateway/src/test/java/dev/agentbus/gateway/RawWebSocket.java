package dev.agentbus.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client that writes exactly the frames it is told to, valid or not (any opcode, flags,
 * mask and payload bytes), and reports what the server sends back: messages, the close frame's code
 * and the end of the connection. The fuzz tests need it because a regular client refuses to write
 * invalid frames.
 */
final class RawWebSocket implements AutoCloseable {

  /** Opcodes of RFC 6455, section 5.2. */
  static final int CONTINUATION = 0x0,
      TEXT = 0x1,
      BINARY = 0x2,
      CLOSE = 0x8,
      PING = 0x9,
      PONG = 0xA;

  private static final String CLOSED = "(closed)";
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** What the server sent. */
  sealed interface Received {}

  /** A whole text message. */
  record Text(String text) implements Received {}

  /** A whole binary message. */
  record Binary(int length) implements Received {}

  /** A close frame ({@code 1005} if it carried no code). */
  record Close(int code, String reason) implements Received {}

  /** The connection ended (after a close frame or without one). */
  record Ended(String how) implements Received {}

  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
  private final AtomicInteger syncs = new AtomicInteger();
  private volatile boolean closeSent;

  private RawWebSocket(Socket socket, DataInputStream in) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    Thread.ofVirtual().name("raw-websocket-reader").start(() -> read(in));
  }

  /**
   * Opens a WebSocket with a plain HTTP/1.1 upgrade.
   *
   * @param port the gateway's port on 127.0.0.1
   * @param uri the request URI
   * @return the open socket
   * @throws IOException if the server does not switch protocols with the right accept key
   */
  static RawWebSocket connect(int port, String uri) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    String request =
        "GET "
            + uri
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    String head = readHead(in);
    if (!head.startsWith("HTTP/1.1 101") || !head.contains(acceptKey(key))) {
      socket.close();
      throw new IOException("not upgraded: " + head);
    }
    return new RawWebSocket(socket, in);
  }

  /**
   * Writes one frame as given; a client frame is masked unless {@code masked} is false.
   *
   * @param rsv the three reserved bits (0 in a valid frame without extensions)
   * @return false if the connection no longer took it
   */
  boolean frame(int opcode, boolean fin, int rsv, boolean masked, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0xF);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length <= 125) {
      frame.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      frame.write(maskBit | 126);
      frame.writeBytes(ByteBuffer.allocate(2).putShort((short) payload.length).array());
    } else {
      frame.write(maskBit | 127);
      frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
    }
    byte[] body = payload;
    if (masked) {
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      frame.writeBytes(mask);
      body = new byte[payload.length];
      for (int i = 0; i < payload.length; i++) {
        body[i] = (byte) (payload[i] ^ mask[i & 3]);
      }
    }
    frame.writeBytes(body);
    if (opcode == CLOSE) {
      closeSent = true;
    }
    return write(frame.toByteArray());
  }

  /** Writes a whole text message in one frame. */
  boolean text(String text) {
    return frame(TEXT, true, 0, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Waits until the server has read everything written so far: sends a ping and waits for its pong,
   * or for the server's close frame or the end of the connection, which end the wait too.
   */
  void sync() {
    String payload = "sync-" + syncs.incrementAndGet();
    if (!frame(PING, true, 0, true, payload.getBytes(StandardCharsets.US_ASCII))) {
      return;
    }
    try {
      for (String pong = pongs.poll(5, TimeUnit.SECONDS);
          pong != null && !pong.equals(payload) && !pong.equals(CLOSED);
          pong = pongs.poll(5, TimeUnit.SECONDS)) {
        // a pong of an earlier ping
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * @param timeout how long to wait
   * @return what the server sent next, or {@code null} if nothing came in time
   */
  Received next(Duration timeout) {
    try {
      return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }

  private synchronized boolean write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false; // the server closed the connection; what it sent before is still read
    }
  }

  private void read(DataInputStream in) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    int messageType = -1;
    try {
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
          mask = in.readNBytes(4);
        }
        byte[] payload = in.readNBytes(Math.toIntExact(length));
        if (payload.length < length) {
          throw new EOFException("the connection ended inside a frame");
        }
        for (int i = 0; mask != null && i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
        int opcode = first & 0xF;
        if (opcode == CLOSE) {
          int code = payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xFFFF : 1005;
          String reason =
              payload.length > 2
                  ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                  : "";
          received.add(new Close(code, reason));
          pongs.add(CLOSED);
          if (!closeSent) {
            frame(
                CLOSE,
                true,
                0,
                true,
                payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
          }
        } else if (opcode == PING) {
          frame(PONG, true, 0, true, payload);
        } else if (opcode == PONG) {
          pongs.add(new String(payload, StandardCharsets.US_ASCII));
        } else {
          if (opcode != CONTINUATION) {
            messageType = opcode;
            message.reset();
          }
          message.writeBytes(payload);
          if ((first & 0x80) != 0) {
            received.add(
                messageType == TEXT
                    ? new Text(message.toString(StandardCharsets.UTF_8))
                    : new Binary(message.size()));
            message.reset();
          }
        }
      }
    } catch (EOFException e) {
      received.add(new Ended("end of stream"));
    } catch (IOException e) {
      received.add(new Ended(e.getMessage()));
    }
    pongs.add(CLOSED);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the connection ended in the response head: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private static String acceptKey(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
