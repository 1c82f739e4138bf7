package dev.agentbus.bench.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.WebSocketClient;

/**
 * What a load run talks to and with: the client's Vert.x instance (one event loop), its WebSocket
 * and HTTP clients, and the server's port on {@link #HOST}.
 *
 * @param vertx the client's Vert.x instance
 * @param webSockets the WebSocket client
 * @param http the HTTP client
 * @param port the server's port
 */
record Endpoint(Vertx vertx, WebSocketClient webSockets, HttpClientAgent http, int port) {

  /** The servers listen on the loopback interface. */
  static final String HOST = "127.0.0.1";
}
