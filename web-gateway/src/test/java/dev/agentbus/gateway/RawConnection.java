package dev.agentbus.gateway;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A raw TCP connection to a server: sends bytes exactly as given (malformed requests included) and
 * collects every byte that comes back, so a test can wait for a response head or for the server to
 * close the connection.
 */
final class RawConnection {

  /** Longest a test waits for an answer or a close before it fails. */
  static final long WAIT_SECONDS = 5;

  private final Vertx vertx;
  private final NetSocket socket;
  private final Buffer received = Buffer.buffer();
  private final List<Waiter> waiters = new ArrayList<>();
  private boolean closed;

  private record Waiter(Predicate<RawConnection> done, Promise<Void> promise) {}

  private RawConnection(Vertx vertx, NetSocket socket) {
    this.vertx = vertx;
    this.socket = socket;
  }

  /** Connects to {@code 127.0.0.1:port}. */
  static RawConnection open(Vertx vertx, int port) {
    return open(vertx, port, "");
  }

  /**
   * Connects to {@code 127.0.0.1:port} and sends a request at once, from the event loop: no pause
   * of the test's thread can delay it past a short header timeout.
   */
  static RawConnection open(Vertx vertx, int port, String request) {
    return vertx
        .createNetClient()
        .connect(port, "127.0.0.1")
        .compose(
            socket -> {
              RawConnection connection = new RawConnection(vertx, socket);
              socket.handler(connection::received);
              socket.closeHandler(ignored -> connection.closed());
              return request.isEmpty()
                  ? Future.succeededFuture(connection)
                  : socket.write(ascii(request)).map(connection);
            })
        .await();
  }

  private static Buffer ascii(String text) {
    return Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawConnection send(String ascii) {
    return send(ascii(ascii));
  }

  RawConnection send(Buffer data) {
    socket.write(data).await();
    return this;
  }

  /**
   * Sends the text one byte at a time, a byte every {@code everyMs}, as a slow client would; stops
   * when it is all sent or the server has closed the connection.
   */
  RawConnection trickle(String ascii, long everyMs) {
    byte[] bytes = ascii.getBytes(StandardCharsets.ISO_8859_1);
    int[] next = {0};
    vertx.setPeriodic(
        everyMs,
        timer -> {
          if (next[0] == bytes.length || isClosed()) {
            vertx.cancelTimer(timer);
          } else {
            socket.write(Buffer.buffer(new byte[] {bytes[next[0]++]}));
          }
        });
    return this;
  }

  /** Closes the connection from this side. */
  void close() {
    socket.close().await();
  }

  /** Writes without waiting for the write to complete (for data the server may refuse midway). */
  void sendWithoutWaiting(Buffer data) {
    socket.write(data);
  }

  /** {@return everything received so far} */
  synchronized Buffer received() {
    return received.copy();
  }

  /** {@return whether the server has closed the connection} */
  synchronized boolean isClosed() {
    return closed;
  }

  /** Waits until the server has closed the connection. */
  RawConnection awaitClosed() {
    await(RawConnection::isClosed, "the server to close the connection");
    return this;
  }

  /** Waits until a whole response head has arrived or the connection closed. */
  RawConnection awaitHead() {
    await(c -> c.isClosed() || c.text().contains("\r\n\r\n"), "a response head");
    return this;
  }

  /**
   * Waits for a response head and returns its status, or -1 if the server closed the connection
   * without one.
   */
  int awaitStatus() {
    awaitHead();
    String text = text();
    int space = text.indexOf(' ');
    if (!text.startsWith("HTTP/") || space < 0 || text.length() < space + 4) {
      return -1;
    }
    return Integer.parseInt(text.substring(space + 1, space + 4));
  }

  /** Everything received so far, as ISO-8859-1 text. */
  String text() {
    return received().toString(StandardCharsets.ISO_8859_1);
  }

  /** Waits until {@code done} holds for this connection. */
  void await(Predicate<RawConnection> done, String what) {
    Promise<Void> promise = Promise.promise();
    synchronized (this) {
      if (done.test(this)) {
        return;
      }
      waiters.add(new Waiter(done, promise));
    }
    try {
      promise.future().await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no " + what + " within " + WAIT_SECONDS + " s; received: " + text(), e);
    }
  }

  private void received(Buffer data) {
    synchronized (this) {
      received.appendBuffer(data);
    }
    check();
  }

  private void closed() {
    synchronized (this) {
      closed = true;
    }
    check();
  }

  private void check() {
    List<Promise<Void>> ready = new ArrayList<>();
    synchronized (this) {
      waiters.removeIf(
          waiter -> {
            boolean done = waiter.done().test(this);
            if (done) {
              ready.add(waiter.promise());
            }
            return done;
          });
    }
    ready.forEach(Promise::tryComplete);
  }
}
