package dev.agentbus.chat;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocketClient;
import java.nio.file.Path;
import java.util.List;

/** Chat agents behind a real gateway on a real port, for tests; restartable on the same data. */
final class ChatServer {

  private final Vertx vertx;
  private final Path dataDir;
  private final List<Class<? extends Agent<?>>> agentClasses;
  private final WebSocketClient wsClient;
  private final HttpClient http;
  private AgentBus agents;
  private AgentGateway gateway;
  private int port;

  @SafeVarargs
  ChatServer(Vertx vertx, Path dataDir, Class<? extends Agent<?>>... agentClasses) {
    this.vertx = vertx;
    this.dataDir = dataDir;
    this.agentClasses = List.of(agentClasses);
    this.wsClient = vertx.createWebSocketClient();
    this.http = vertx.createHttpClient();
    start();
  }

  private void start() {
    // a stop waits 300 ms for replies streaming, then interrupts them
    agents =
        AgentBus.create(
            vertx, new AgentBusOptions().setDataDir(dataDir.toString()).setShutdownTimeoutMs(300));
    agentClasses.forEach(agents::register);
    gateway =
        AgentGateway.create(vertx, agents, new GatewayOptions().setPort(0).setHost("127.0.0.1"));
    port = gateway.listen(null).await().actualPort();
  }

  /** {@return a new socket, its protocol frames received} */
  ChatSocket socket(String uri) {
    return new ChatSocket(wsClient, http, port, uri);
  }

  /** Stops the gateway and the runtime (instances hibernate) and starts both again. */
  void restart() {
    close();
    start();
  }

  void close() {
    gateway.close().await();
    agents.close().await();
  }
}
