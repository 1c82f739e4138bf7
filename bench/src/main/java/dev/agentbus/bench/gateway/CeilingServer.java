package dev.agentbus.bench.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceiling of the gateway benchmark: a bare Vert.x HTTP server that speaks only the frames the
 * benchmark uses, for the counter agent, with no agent runtime behind it — an in-memory count per
 * instance name and the list of its sockets.
 *
 * <ul>
 *   <li>WebSocket {@code /agents/counter-agent/NAME}: on connect {@code cf_agent_identity}, {@code
 *       cf_agent_state} and {@code cf_agent_mcp_servers}; RPC {@code echo(x) -> x} and {@code
 *       increment(by) -> count}, which sends the new state to every other socket of the name, and
 *       the stream {@code countTo(n)}: chunks {@code 0..n-1} at the socket's pace, then {@code n}.
 *   <li>HTTP {@code GET /agents/counter-agent/NAME}: {@code {"count":N}}; {@code POST} increments.
 * </ul>
 *
 * <p>It is set up like the gateway's standalone server ({@code AgentGateway.listen}): one {@link
 * HttpServer} listened from outside any verticle, so every connection is served by one event loop,
 * with the same frame limits and no compression. Frames are parsed and encoded with Vert.x JSON, as
 * a real server must. The maps are touched only on that event loop.
 */
public final class CeilingServer {

  /** The URL prefix of the counter agent's instances. */
  public static final String PATH_PREFIX = "/agents/counter-agent/";

  private static final String AGENT = "counter-agent";
  private static final int MAX_MESSAGE_BYTES = 1024 * 1024;
  private static final String MCP_SERVERS =
      new JsonObject()
          .put("type", "cf_agent_mcp_servers")
          .put(
              "mcp",
              new JsonObject()
                  .put("servers", new JsonObject())
                  .put("tools", new JsonArray())
                  .put("prompts", new JsonArray())
                  .put("resources", new JsonArray()))
          .encode();

  /** One instance: its count and its open sockets. */
  private static final class Instance {
    private int count;
    private final List<ServerWebSocket> sockets = new ArrayList<>();
  }

  private final Vertx vertx;
  private final Map<String, Instance> instances = new HashMap<>();

  private CeilingServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Starts a ceiling server.
   *
   * @param vertx the Vert.x instance
   * @param host the host to bind
   * @param port the port, 0 for any free one
   * @return the listening server
   */
  public static Future<HttpServer> listen(Vertx vertx, String host, int port) {
    CeilingServer ceiling = new CeilingServer(vertx);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES)
            .setMaxWebSocketMessageSize(2 * MAX_MESSAGE_BYTES)
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
    return ceiling.vertx.createHttpServer(options).requestHandler(ceiling::request).listen();
  }

  private void request(HttpServerRequest request) {
    String path = request.path();
    if (!path.startsWith(PATH_PREFIX) || path.length() == PATH_PREFIX.length()) {
      request.response().setStatusCode(404).end();
      return;
    }
    int end = path.indexOf('/', PATH_PREFIX.length());
    String name = path.substring(PATH_PREFIX.length(), end < 0 ? path.length() : end);
    Instance instance = instances.computeIfAbsent(name, k -> new Instance());
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
      request.toWebSocket().onSuccess(socket -> open(socket, name, instance));
    } else if (request.method() == HttpMethod.GET) {
      json(request, instance);
    } else if (request.method() == HttpMethod.POST) {
      increment(instance, 1, null);
      json(request, instance);
    } else {
      request.response().setStatusCode(405).end("Method not allowed");
    }
  }

  private static void json(HttpServerRequest request, Instance instance) {
    request
        .response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("count", instance.count).encode());
  }

  private void open(ServerWebSocket socket, String name, Instance instance) {
    instance.sockets.add(socket);
    socket.closeHandler(ignored -> instance.sockets.remove(socket));
    socket.exceptionHandler(ignored -> {});
    socket.textMessageHandler(text -> frame(socket, instance, text));
    socket.writeTextMessage(
        new JsonObject()
            .put("type", "cf_agent_identity")
            .put("name", name)
            .put("agent", AGENT)
            .put("stateFollows", true)
            .encode());
    socket.writeTextMessage(stateFrame(instance.count));
    socket.writeTextMessage(MCP_SERVERS);
  }

  private void frame(ServerWebSocket socket, Instance instance, String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (RuntimeException e) {
      return; // a user message: nothing to answer
    }
    if (!"rpc".equals(frame.getValue("type"))
        || !(frame.getValue("id") instanceof String id)
        || !(frame.getValue("method") instanceof String method)
        || !(frame.getValue("args") instanceof JsonArray args)) {
      return;
    }
    JsonObject answer = new JsonObject().put("type", "rpc").put("id", id);
    switch (method) {
      case "echo" -> answer.put("success", true).put("result", args.getValue(0));
      case "increment" -> {
        int by = args.getValue(0) instanceof Number n ? n.intValue() : 1;
        answer.put("success", true).put("result", increment(instance, by, socket));
      }
      case "countTo" -> {
        countTo(socket, id, args.getValue(0) instanceof Number n ? n.longValue() : 0, 0);
        return;
      }
      default -> answer.put("success", false).put("error", "Method " + method + " does not exist");
    }
    if (answer.getBoolean("success")) {
      answer.put("done", true);
    }
    socket.writeTextMessage(answer.encode());
  }

  /**
   * Streams {@code from..n-1} as chunks, then {@code n}, as fast as the socket takes them: writes
   * until its queue is full, then again once it drains.
   */
  private static void countTo(ServerWebSocket socket, String id, long n, long from) {
    long i = from;
    while (i < n && !socket.writeQueueFull()) {
      socket.writeTextMessage(chunk(id, i, false));
      i++;
    }
    if (i < n) {
      long next = i;
      socket.drainHandler(drained -> countTo(socket, id, n, next));
    } else {
      socket.writeTextMessage(chunk(id, n, true));
    }
  }

  private static String chunk(String id, long value, boolean done) {
    return new JsonObject()
        .put("type", "rpc")
        .put("id", id)
        .put("success", true)
        .put("result", value)
        .put("done", done)
        .encode();
  }

  /** Adds to the count and sends the new state to every socket of the instance but {@code from}. */
  private static int increment(Instance instance, int by, ServerWebSocket from) {
    instance.count += by;
    String state = stateFrame(instance.count);
    for (ServerWebSocket other : instance.sockets) {
      if (other != from) {
        other.writeTextMessage(state);
      }
    }
    return instance.count;
  }

  private static String stateFrame(int count) {
    return new JsonObject()
        .put("type", "cf_agent_state")
        .put("state", new JsonObject().put("count", count))
        .encode();
  }
}
