package dev.agentbus.gateway.impl;

import dev.agentbus.AgentBus;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.AgentTarget;
import dev.agentbus.gateway.BeforeHook;
import dev.agentbus.gateway.GatewayOptions;
import dev.agentbus.gateway.HookRequest;
import dev.agentbus.gateway.Rejection;
import dev.agentbus.spi.AgentHost;
import dev.agentbus.spi.InstanceChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;

/**
 * The gateway: mounts its routes, judges each request with the before-hooks, and passes it to its
 * WebSocket sessions ({@link SocketSessions}) or its HTTP exchanges ({@link HttpExchanges}).
 */
public final class AgentGatewayImpl implements AgentGateway {

  private static final System.Logger LOG = System.getLogger(AgentGatewayImpl.class.getName());

  private final Vertx vertx;
  private final AgentHost agents;
  private final GatewayOptions options;
  private final GatewayPaths paths;
  private final PlainAnswers plain;
  private final SocketSessions sockets;
  private final HttpExchanges exchanges;
  private volatile BeforeHook beforeConnect;
  private volatile BeforeHook beforeRequest;
  private volatile HttpServer server;

  /**
   * @param vertx the Vert.x instance
   * @param agents the runtime
   * @param options the options
   */
  public AgentGatewayImpl(Vertx vertx, AgentBus agents, GatewayOptions options) {
    this.vertx = vertx;
    this.agents = AgentHost.of(agents);
    this.options = new GatewayOptions(options);
    if (this.options.getMaxQueuedBytes() < this.options.getStreamBufferBytes()) {
      throw new IllegalArgumentException(
          "maxQueuedBytes ("
              + this.options.getMaxQueuedBytes()
              + ") must be at least streamBufferBytes ("
              + this.options.getStreamBufferBytes()
              + ")");
    }
    this.paths = new GatewayPaths(this.options.getPrefix());
    this.plain = new PlainAnswers(this.options.isCors());
    this.sockets = new SocketSessions(vertx, this.agents, this.options);
    this.exchanges = new HttpExchanges(vertx, this.options, plain);
  }

  @Override
  public AgentGateway mount(Router router) {
    router.route(paths.route()).handler(this::route);
    String bridgePath = options.getEventBusPath();
    if (bridgePath != null) {
      router
          .route(bridgePath + "/*")
          .subRouter(new EventBusBridge(agents, () -> beforeConnect).router(vertx));
    }
    return this;
  }

  @Override
  public AgentGateway beforeConnect(BeforeHook hook) {
    this.beforeConnect = hook;
    return this;
  }

  @Override
  public AgentGateway beforeRequest(BeforeHook hook) {
    this.beforeRequest = hook;
    return this;
  }

  @Override
  public Future<HttpServer> listen(Router router) {
    Router routes = router != null ? router : Router.router(vertx);
    mount(routes);
    HttpServerOptions serverOptions =
        new HttpServerOptions()
            .setPort(options.getPort())
            .setHost(options.getHost())
            // room for instance names up to maxNameBytes (4 KB) in the request line
            .setMaxInitialLineLength(8192)
            // FrameSizeGate keeps larger frames from the decoder; MessageAssembler, messages
            .setMaxWebSocketFrameSize(options.getMaxMessageBytes())
            .setPerMessageWebSocketCompressionSupported(options.isCompression())
            .setPerFrameWebSocketCompressionSupported(options.isCompression())
            // HTTP/1.1 only: an h2c connection would escape HttpReadGuard's timeouts
            .setHttp2ClearTextEnabled(false);
    return vertx
        .createHttpServer(serverOptions)
        .connectionHandler(
            connection -> HttpReadGuard.install(ChannelAccess.vertxHandler(connection), options))
        .requestHandler(
            request -> {
              // refused before the router, which would log them as failures with a stack trace
              if (!RequestChecks.refused(request)) {
                routes.handle(request);
              }
            })
        .listen()
        .onSuccess(listening -> server = listening);
  }

  @Override
  public int openSockets() {
    return sockets.open().size();
  }

  @Override
  public Future<Void> close() {
    sockets.close();
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void route(RoutingContext context) {
    AgentTarget target = paths.target(context.request().path());
    if (target == null) {
      plain.send(context, 404, "Not found");
    } else if (!agents.hasAgent(target.agent())) {
      plain.send(context, 400, "Invalid request");
    } else {
      handle(context, target.agent(), target.name(), target.subPath());
    }
  }

  @Override
  public void handle(RoutingContext context, String agent, String name, String subPath) {
    HttpServerRequest request = context.request();
    InstanceChannel channel;
    try {
      channel = agents.channel(agent, name, options.getStartProps());
    } catch (IllegalArgumentException e) {
      plain.send(context, 400, e.getMessage());
      return;
    }
    AgentTarget target = new AgentTarget(agent, name, subPath);
    boolean upgrade = isWebSocketUpgrade(request);
    if (!upgrade && options.isCors() && request.method() == HttpMethod.OPTIONS) {
      plain.send(context, 200, "");
      return;
    }
    request.pause();
    Context requestContext = vertx.getOrCreateContext();
    BeforeHook hook = upgrade ? beforeConnect : beforeRequest;
    Future<Rejection> verdict =
        hook == null
            ? Future.succeededFuture()
            : hook.check(
                target,
                new HookRequest(
                    request.method().name(),
                    request.uri(),
                    request.headers(),
                    request.remoteAddress()));
    verdict.onComplete(
        (rejection, failure) -> {
          // back on the request's event loop, whichever thread completed the hook: a socket's
          // upgrade and the install of its frame gate must happen in one event-loop task
          if (Vertx.currentContext() == requestContext) {
            decide(context, target, channel, upgrade, rejection, failure);
          } else {
            requestContext.runOnContext(
                ignored -> decide(context, target, channel, upgrade, rejection, failure));
          }
        });
  }

  private void decide(
      RoutingContext context,
      AgentTarget target,
      InstanceChannel channel,
      boolean upgrade,
      Rejection rejection,
      Throwable failure) {
    if (failure != null) {
      LOG.log(Level.WARNING, "A before-hook failed", failure);
      plain.send(context, 500, "Internal Server Error");
    } else if (rejection != null) {
      plain.send(context, rejection.status(), rejection.body());
    } else if (upgrade) {
      sockets.upgrade(context, target, channel);
    } else {
      exchanges.serve(context, target, channel);
    }
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }
}
