package dev.agentbus.gateway;

import dev.agentbus.AgentBus;
import dev.agentbus.gateway.impl.AgentGatewayImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bridges HTTP, Server-Sent Events and WebSockets onto agent instances, speaking the Agents SDK
 * wire protocol (docs/protocol.md): {@code /<prefix>/<agent>/<name>[/sub-path]}.
 *
 * <pre>{@code
 * AgentGateway gateway = AgentGateway.create(vertx, agents, new GatewayOptions().setCors(true));
 * gateway.listen().await();                 // standalone, on options.port
 * // or, on your own router:
 * gateway.mount(router);
 * router.route("/rooms/:room").handler(ctx -> gateway.handle(ctx, "chat-agent", ctx.pathParam("room"), ""));
 * }</pre>
 */
public interface AgentGateway {

  /**
   * Creates a gateway and registers it as the runtime's connection hub.
   *
   * @param vertx the Vert.x instance
   * @param agents the runtime
   * @param options the options
   * @return the gateway
   */
  static AgentGateway create(Vertx vertx, AgentBus agents, GatewayOptions options) {
    return new AgentGatewayImpl(vertx, agents, options);
  }

  /**
   * Adds the agent routes ({@code /<prefix>/*}) to a router.
   *
   * @param router the application's router
   * @return this gateway
   */
  AgentGateway mount(Router router);

  /**
   * Serves a request (HTTP or WebSocket upgrade) with a chosen instance: the way to route your own
   * URLs to agents. Before-hooks and CORS apply as on agent routes.
   *
   * @param context the routing context
   * @param agent the agent's public name
   * @param name the instance name
   * @param subPath the sub-path the agent sees, or empty
   */
  void handle(RoutingContext context, String agent, String name, String subPath);

  /**
   * Sets the hook run before every WebSocket upgrade.
   *
   * @param hook the hook
   * @return this gateway
   */
  AgentGateway beforeConnect(BeforeHook hook);

  /**
   * Sets the hook run before every HTTP request to an agent.
   *
   * @param hook the hook
   * @return this gateway
   */
  AgentGateway beforeRequest(BeforeHook hook);

  /**
   * Starts a standalone HTTP server on the options' host and port, with a router holding the agent
   * routes (and {@code extra}'s, if given). The server speaks HTTP/1.1 (no h2c), applies the
   * options' header, body, keep-alive and upgrade timeouts, and answers malformed requests with a
   * 4xx before they reach the router. A gateway mounted on an application's own server gets
   * neither; its WebSockets keep every limit.
   *
   * @param router a router to serve, to which the agent routes are added; or {@code null}
   * @return the listening server
   */
  Future<HttpServer> listen(Router router);

  /** {@return the number of open WebSockets} */
  int openSockets();

  /**
   * Closes every socket (1001 Going Away) and the standalone server, if any.
   *
   * @return completes when done
   */
  Future<Void> close();
}
