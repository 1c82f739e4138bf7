package dev.agentbus.gateway.impl;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentRequest;
import dev.agentbus.ConnectionContext;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.AgentTarget;
import dev.agentbus.gateway.BeforeHook;
import dev.agentbus.gateway.GatewayOptions;
import dev.agentbus.gateway.HookRequest;
import dev.agentbus.gateway.Rejection;
import dev.agentbus.spi.GatewayEvents;
import dev.agentbus.spi.HttpExchange;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The gateway: routes, WebSocket sessions, HTTP exchanges. */
public final class AgentGatewayImpl implements AgentGateway {

  private static final System.Logger LOG = System.getLogger(AgentGatewayImpl.class.getName());

  private final Vertx vertx;
  private final AgentBus agents;
  private final GatewayOptions options;
  private final SocketHub hub = new SocketHub();
  private final AtomicLong socketKeys = new AtomicLong();
  private final String routePrefix;
  private volatile BeforeHook beforeConnect;
  private volatile BeforeHook beforeRequest;
  private volatile HttpServer server;
  private final long pingTimer;

  /**
   * @param vertx the Vert.x instance
   * @param agents the runtime
   * @param options the options
   */
  public AgentGatewayImpl(Vertx vertx, AgentBus agents, GatewayOptions options) {
    this.vertx = vertx;
    this.agents = agents;
    this.options = new GatewayOptions(options);
    this.routePrefix = "/" + options.getPrefix() + "/";
    agents.setConnectionHub(hub);
    long interval = options.getPingIntervalMs();
    pingTimer = interval > 0 ? vertx.setPeriodic(interval, id -> pingSockets(interval)) : -1;
  }

  @Override
  public AgentGateway mount(Router router) {
    router.route(routePrefix + "*").handler(this::route);
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
            .setMaxWebSocketFrameSize(options.getMaxMessageBytes())
            // MessageSizeLimit closes with 1009 at maxMessageBytes, before Vert.x's own limit.
            .setMaxWebSocketMessageSize(2 * options.getMaxMessageBytes())
            .setPerMessageWebSocketCompressionSupported(options.isCompression())
            .setPerFrameWebSocketCompressionSupported(options.isCompression());
    return vertx
        .createHttpServer(serverOptions)
        .requestHandler(routes)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  @Override
  public int openSockets() {
    return hub.all().size();
  }

  @Override
  public Future<Void> close() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    for (SocketConnection connection : hub.all()) {
      connection.close(1001, "Going away");
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void route(RoutingContext context) {
    HttpServerRequest request = context.request();
    String path = request.path();
    // The router matches "//agents/..." (from a client whose base path has a leading slash) as
    // "/agents/...": so do we. Only the leading slashes fold; the rest stays raw.
    int leadingSlashes = 0;
    while (leadingSlashes + 1 < path.length() && path.charAt(leadingSlashes + 1) == '/') {
      leadingSlashes++;
    }
    String rest = path.substring(leadingSlashes + routePrefix.length());
    int slash = rest.indexOf('/');
    String agent = slash < 0 ? rest : rest.substring(0, slash);
    String afterAgent = slash < 0 ? "" : rest.substring(slash + 1);
    int nameEnd = afterAgent.indexOf('/');
    String name = nameEnd < 0 ? afterAgent : afterAgent.substring(0, nameEnd);
    String subPath = nameEnd < 0 ? "" : afterAgent.substring(nameEnd);
    if (agent.isEmpty() || name.isEmpty()) {
      plain(context, 404, "Not found");
      return;
    }
    if (!agents.hasAgent(agent)) {
      plain(context, 400, "Invalid request");
      return;
    }
    handle(context, agent, name, subPath);
  }

  @Override
  public void handle(RoutingContext context, String agent, String name, String subPath) {
    HttpServerRequest request = context.request();
    try {
      agents.checkName(name);
    } catch (IllegalArgumentException e) {
      plain(context, 400, e.getMessage());
      return;
    }
    AgentTarget target = new AgentTarget(agent, name, subPath);
    boolean upgrade = isWebSocketUpgrade(request);
    if (!upgrade && options.isCors() && request.method() == HttpMethod.OPTIONS) {
      plain(context, 200, "");
      return;
    }
    request.pause();
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
          if (failure != null) {
            LOG.log(Level.WARNING, "A before-hook failed", failure);
            plain(context, 500, "Internal Server Error");
          } else if (rejection != null) {
            plain(context, rejection.status(), rejection.body());
          } else if (upgrade) {
            upgrade(context, target);
          } else {
            http(context, target);
          }
        });
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  private void plain(RoutingContext context, int status, String body) {
    HttpServerResponse response = context.response();
    if (response.ended()) {
      return;
    }
    addCors(response);
    response.setStatusCode(status);
    if (!body.isEmpty()) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    response.end(body);
  }

  private void addCors(HttpServerResponse response) {
    if (options.isCors()) {
      response
          .putHeader("Access-Control-Allow-Origin", "*")
          .putHeader("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS")
          .putHeader("Access-Control-Allow-Headers", "*")
          .putHeader("Access-Control-Max-Age", "86400");
    }
  }

  // ---- WebSockets ----

  private void upgrade(RoutingContext context, AgentTarget target) {
    HttpServerRequest request = context.request();
    String query = request.query() == null ? "" : request.query();
    String pk = request.getParam("_pk");
    String id = pk == null || pk.isEmpty() ? UUID.randomUUID().toString() : pk;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    request
        .toWebSocket()
        .onSuccess(socket -> open(socket, target, id, query, headers))
        .onFailure(e -> LOG.log(Level.DEBUG, "WebSocket upgrade failed: " + e.getMessage()));
  }

  private void open(
      ServerWebSocket socket, AgentTarget target, String id, String query, MultiMap headers) {
    String key = String.format("%016x", socketKeys.incrementAndGet());
    Context context = vertx.getOrCreateContext();
    SocketConnection connection =
        new SocketConnection(key, id, socket, context, options.getMaxPendingFrames());
    hub.add(target.agent(), target.name(), connection);
    DeliveryOptions frames =
        new DeliveryOptions()
            .addHeader(GatewayEvents.EVENT, GatewayEvents.FRAME)
            .addHeader(GatewayEvents.CONNECTION, key);
    socket.frameHandler(new MessageSizeLimit(socket, options.getMaxMessageBytes()));
    socket.textMessageHandler(text -> forward(connection, target, text, frames));
    socket.binaryMessageHandler(data -> forward(connection, target, data, frames));
    socket.pongHandler(pong -> connection.lastHeardMillis = System.currentTimeMillis());
    socket.exceptionHandler(e -> LOG.log(Level.DEBUG, "WebSocket error: " + e.getMessage()));
    AtomicBoolean closed = new AtomicBoolean();
    socket.closeHandler(ignored -> closed(connection, target, closed));
    // one-way: the instance answers by writing the connect frames to the socket
    agents
        .send(
            target.agent(),
            target.name(),
            new ConnectionContext(target.subPath(), query, headers),
            new DeliveryOptions()
                .addHeader(GatewayEvents.EVENT, GatewayEvents.CONNECT)
                .addHeader(GatewayEvents.CONNECTION, key),
            options.getStartProps())
        .onFailure(
            e -> {
              LOG.log(Level.WARNING, "Connect to " + target + " failed: " + e.getMessage());
              connection.close(1011, "Agent unavailable");
            });
  }

  private void forward(
      SocketConnection connection, AgentTarget target, Object body, DeliveryOptions frames) {
    connection.lastHeardMillis = System.currentTimeMillis();
    connection.frameSent();
    agents
        .send(target.agent(), target.name(), body, frames, options.getStartProps())
        .onFailure(
            e -> {
              connection.frameProcessed();
              connection.close(1011, "Agent unavailable");
            });
  }

  private void closed(SocketConnection connection, AgentTarget target, AtomicBoolean closed) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    connection.closed();
    ServerWebSocket socket = connection.socket();
    Short code = socket.closeStatusCode();
    JsonObject event =
        new JsonObject()
            .put("code", code == null ? 1006 : code.intValue())
            .put("reason", socket.closeReason() == null ? "" : socket.closeReason())
            .put("wasClean", code != null);
    agents
        .request(
            target.agent(),
            target.name(),
            event,
            new DeliveryOptions()
                .addHeader(GatewayEvents.EVENT, GatewayEvents.CLOSE)
                .addHeader(GatewayEvents.CONNECTION, connection.key()),
            options.getStartProps())
        .onComplete(ignored -> hub.remove(target.agent(), target.name(), connection));
  }

  private void pingSockets(long interval) {
    long silentSince = System.currentTimeMillis() - 2 * interval;
    for (SocketConnection connection : hub.all()) {
      if (connection.lastHeardMillis < silentSince) {
        connection.close(1001, "No answer to pings");
      } else if (connection.isOpen()) {
        connection.socket().writePing(Buffer.buffer());
      }
    }
  }

  // ---- HTTP ----

  private void http(RoutingContext context, AgentTarget target) {
    HttpServerRequest request = context.request();
    HttpServerResponse response = context.response();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLong(length) > options.getMaxMessageBytes()) {
      plain(context, 413, "Request body too large");
      return;
    }
    addCors(response);
    // The deadline covers reading the body too: no request waits forever for anything.
    AtomicBoolean answered = new AtomicBoolean();
    long timeout =
        vertx.setTimer(
            options.getRequestTimeoutMs(),
            id -> {
              if (answered.compareAndSet(false, true)) {
                plain(context, 504, "The agent did not answer in time");
              }
            });
    request.resume();
    request
        .body()
        .onFailure(
            e -> {
              if (answered.compareAndSet(false, true)) {
                vertx.cancelTimer(timeout);
                plain(context, 400, "Cannot read the request body: " + e.getMessage());
              }
            })
        .onSuccess(body -> dispatch(context, target, body, answered, timeout));
  }

  private void dispatch(
      RoutingContext context,
      AgentTarget target,
      Buffer body,
      AtomicBoolean answered,
      long timeout) {
    HttpServerRequest request = context.request();
    if (body.length() > options.getMaxMessageBytes()) {
      if (answered.compareAndSet(false, true)) {
        vertx.cancelTimer(timeout);
        plain(context, 413, "Request body too large");
      }
      return;
    }
    HttpResponder responder =
        new HttpResponder(
            context.response(),
            vertx.getOrCreateContext(),
            options.getSsePingIntervalMs(),
            () -> {
              answered.set(true);
              vertx.cancelTimer(timeout);
            });
    AgentRequest agentRequest =
        new AgentRequest(
            request.method().name(),
            target.subPath(),
            request.query() == null ? "" : request.query(),
            request.headers(), // read-only once the request is parsed; no copy per request
            body);
    agents
        .send(
            target.agent(),
            target.name(),
            new HttpExchange(agentRequest, responder),
            new DeliveryOptions().addHeader(GatewayEvents.EVENT, GatewayEvents.HTTP),
            options.getStartProps())
        .onFailure(
            e -> {
              if (answered.compareAndSet(false, true)) {
                vertx.cancelTimer(timeout);
                plain(context, 500, "Agent unavailable");
              }
            });
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
