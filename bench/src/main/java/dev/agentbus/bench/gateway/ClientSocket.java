package dev.agentbus.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A client WebSocket to an instance that is ready once the connect frames have come: {@code
 * cf_agent_identity} first, then {@code cf_agent_state} (checked in full). Later frames go to
 * {@link #onFrame}. Its handlers are set before it connects, so no frame is missed.
 */
final class ClientSocket {

  private final ClientWebSocket socket;
  private final Promise<Void> ready = Promise.promise();
  private final long openedAt = System.nanoTime();
  private boolean identitySeen;
  private long readyNanos;
  private Handler<String> frames = text -> {};

  private ClientSocket(ClientWebSocket socket) {
    this.socket = socket;
  }

  /**
   * Opens a socket; call on the client's event loop.
   *
   * @param endpoint the server
   * @param name the instance name
   * @param pk the connection id ({@code _pk})
   * @param errors where socket errors are reported
   * @return the socket; see {@link #ready()}
   */
  static ClientSocket open(Endpoint endpoint, String name, String pk, Handler<String> errors) {
    ClientSocket client = new ClientSocket(endpoint.webSockets().webSocket());
    client.socket.textMessageHandler(client::text);
    client.socket.exceptionHandler(e -> errors.handle("socket error: " + e));
    client
        .socket
        .connect(
            new WebSocketConnectOptions()
                .setHost(Endpoint.HOST)
                .setPort(endpoint.port())
                .setURI(Wire.socketUri(name, pk)))
        .onFailure(e -> client.ready.tryFail("connect failed: " + e.getMessage()));
    return client;
  }

  private void text(String text) {
    if (ready.future().isComplete()) {
      frames.handle(text);
    } else if (Wire.isIdentity(text)) {
      identitySeen = true;
    } else if (Wire.isState(text)) {
      String problem = identitySeen ? Wire.checkState(text) : "state frame before identity";
      if (problem != null) {
        ready.tryFail(problem);
      } else {
        readyNanos = System.nanoTime() - openedAt;
        ready.tryComplete();
      }
    } else {
      ready.tryFail("unexpected frame before the state: " + text);
    }
  }

  /** Completes once the identity and state frames have come. */
  Future<Void> ready() {
    return ready.future();
  }

  /** From the connect call to the state frame, in nanoseconds. */
  long readyNanos() {
    return readyNanos;
  }

  /** Sets the handler of the frames after the state frame. */
  void onFrame(Handler<String> handler) {
    this.frames = handler;
  }

  /** Sends a text frame. */
  void send(String text) {
    socket.writeTextMessage(text);
  }

  /** Closes the socket (1000). */
  Future<Void> close() {
    return socket.close();
  }
}
