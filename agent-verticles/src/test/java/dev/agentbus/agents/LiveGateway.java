package dev.agentbus.agents;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;

/** A runtime and its gateway on a free port of 127.0.0.1, as the application starts them. */
final class LiveGateway {

  final AgentBus agents;
  final AgentGateway gateway;
  final int port;

  private LiveGateway(AgentBus agents, AgentGateway gateway, int port) {
    this.agents = agents;
    this.gateway = gateway;
    this.port = port;
  }

  /**
   * @param vertx the test's Vert.x
   * @param dataDir where the instances' files go
   * @param router the application's routes, or {@code null} for the gateway's alone
   * @param agentClasses the agents to serve
   * @return the listening gateway
   */
  static LiveGateway start(
      Vertx vertx, Path dataDir, Router router, List<Class<? extends Agent<?>>> agentClasses) {
    AgentBus agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agentClasses.forEach(agents::register);
    AgentGateway gateway =
        AgentGateway.create(vertx, agents, new GatewayOptions().setPort(0).setHost("127.0.0.1"));
    int port = gateway.listen(router).await().actualPort();
    return new LiveGateway(agents, gateway, port);
  }

  /** Closes the gateway, then hibernates every instance. */
  void close() {
    gateway.close().await();
    agents.close().await();
  }
}
