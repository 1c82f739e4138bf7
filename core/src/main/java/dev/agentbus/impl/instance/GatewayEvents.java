package dev.agentbus.impl.instance;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.ConnectionContext;
import dev.agentbus.ResponseStream;
import dev.agentbus.StateSource;
import dev.agentbus.StreamCancelledException;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.rpc.RpcDispatcher;
import dev.agentbus.impl.rpc.RpcReplies;
import dev.agentbus.impl.storage.DiskFullException;
import dev.agentbus.spi.GatewayEvent;
import dev.agentbus.spi.HttpExchange;
import dev.agentbus.spi.HubConnection;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * What an instance does with the gateway's events: a connection opening (connect frames, hooks),
 * its frames (RPC, state, user messages), its close, and HTTP requests. Each event is one turn; the
 * verticle's {@code done} ends it (for a call, once it is answered).
 */
final class GatewayEvents {

  private static final System.Logger LOG = System.getLogger(GatewayEvents.class.getName());
  private static final String MCP_SERVERS =
      new JsonObject()
          .put("type", "cf_agent_mcp_servers")
          .put(
              "mcp",
              new JsonObject()
                  .put("servers", new JsonObject())
                  .put("tools", new io.vertx.core.json.JsonArray())
                  .put("prompts", new io.vertx.core.json.JsonArray())
                  .put("resources", new io.vertx.core.json.JsonArray()))
          .encode();

  private final Agent<?> agent;
  private final InstanceContext<?> instance;
  private final RpcDispatcher rpc;
  private final InstanceVerticle verticle;

  GatewayEvents(InstanceContext<?> instance, RpcDispatcher rpc, InstanceVerticle verticle) {
    this.agent = instance.agent();
    this.instance = instance;
    this.rpc = rpc;
    this.verticle = verticle;
  }

  /** The instance's callable methods. */
  RpcDispatcher rpc() {
    return rpc;
  }

  /** Handles one event as one turn. */
  void handle(GatewayEvent event) {
    switch (event) {
      case GatewayEvent.Frame frame -> {
        HubConnection connection = frame.connection();
        if (!connection.isOpen()) {
          verticle.done(); // the socket closed while the frame was on its way
        } else {
          InstanceConnections.onBehalfOf(
              connection, () -> frame(connection, frame.data(), verticle::done));
        }
        connection.frameProcessed();
      }
      case GatewayEvent.Connect connect -> {
        connect(connect.connection(), connect.context());
        verticle.done();
      }
      case GatewayEvent.Close close -> {
        rpc.cancelStreamsOf(close.connection().key());
        close(close.connection(), close.code(), close.reason(), close.wasClean());
        verticle.done();
      }
      case GatewayEvent.Http http -> {
        http(http.exchange());
        verticle.done();
      }
    }
  }

  /** A connection opened: decide its settings, send the connect frames, run {@code onConnect}. */
  private void connect(HubConnection connection, ConnectionContext context) {
    try {
      connection.setTags(Set.copyOf(agent.connectionTags(connection, context)));
      connection.setProtocolEnabled(agent.shouldSendProtocolMessages(connection, context));
      connection.setReadonly(agent.shouldConnectionBeReadonly(connection, context));
      if (connection.isProtocolEnabled()) {
        Object state = instance.stateRoom().json();
        if (agent.sendIdentityOnConnect()) {
          JsonObject identity =
              new JsonObject()
                  .put("type", "cf_agent_identity")
                  .put("name", instance.name())
                  .put("agent", instance.agentName());
          if (state != null) {
            identity.put("stateFollows", true);
          }
          connection.send(identity.encode());
        }
        if (state != null) {
          connection.send(Frames.state(state).encode());
        }
        connection.send(MCP_SERVERS);
      }
      agent.onConnect(connection, context);
    } catch (RuntimeException e) {
      agent.onError(connection, e);
    }
  }

  /**
   * A frame from a connection.
   *
   * @param finished run once the frame's work is over (for a call: once it is answered)
   */
  private void frame(HubConnection connection, Object body, Runnable finished) {
    if (body instanceof String text) {
      JsonObject json = parseObject(text);
      Object type = json == null ? null : json.getValue("type");
      if (Frames.RPC.equals(type)
          && rpc.dispatch(json, new ConnectionReplies(connection, finished))) {
        return;
      }
      if (Frames.STATE.equals(type) && json.containsKey("state")) {
        clientState(connection, json.getValue("state"));
        finished.run();
        return;
      }
    }
    try {
      agent.onMessage(connection, body);
    } catch (RuntimeException e) {
      agent.onError(connection, e);
    } finally {
      finished.run();
    }
  }

  private void clientState(HubConnection connection, Object state) {
    if (connection.isReadonly()) {
      connection.send(Frames.stateError("Connection is readonly").encode());
      return;
    }
    JsonObject answer = instance.setStateFromClient(state, StateSource.connection(connection.id()));
    if (Frames.STATE_ERROR.equals(answer.getString("type"))) {
      connection.send(answer.encode());
    }
  }

  /** A connection closed. */
  private void close(HubConnection connection, int code, String reason, boolean wasClean) {
    try {
      agent.onClose(connection, code, reason, wasClean);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "onClose of " + instance.agentName() + " failed", e);
    }
  }

  /** An HTTP request: {@code onRequest}, then a body or a stream. */
  private void http(HttpExchange exchange) {
    AgentRequest request = exchange.request();
    AgentResponse response;
    try {
      response = agent.onRequest(request);
      if (response == null) {
        response = AgentResponse.notFound();
      }
    } catch (RuntimeException e) {
      response = failedRequest(e);
    }
    if (response.producer() == null) {
      exchange.responder().respond(response);
      return;
    }
    ResponseStream stream = exchange.responder().open(response);
    try {
      response.producer().accept(stream);
    } catch (StreamCancelledException e) {
      LOG.log(Level.DEBUG, "Response stream of " + instance.agentName() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Response stream of " + instance.agentName() + " failed", e);
      stream.end();
    }
  }

  /**
   * The answer to a request whose {@code onRequest} threw: {@code 507} with the error if a write
   * was refused for a full disk (the caller may try again later), else {@code 500} (details
   * logged).
   */
  private AgentResponse failedRequest(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DiskFullException full) {
        LOG.log(Level.DEBUG, "onRequest of " + instance.agentName() + ": " + full.getMessage());
        return AgentResponse.text(507, full.getMessage());
      }
    }
    LOG.log(Level.WARNING, "onRequest of " + instance.agentName() + " failed", e);
    return AgentResponse.text(500, "Internal Server Error");
  }

  private static JsonObject parseObject(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == text.length() || text.charAt(i) != '{') {
      return null;
    }
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Answers of a call made by a connection: written to that connection, at its pace. */
  private static final class ConnectionReplies implements RpcReplies {
    private final HubConnection connection;
    private final Runnable finished;

    ConnectionReplies(HubConnection connection, Runnable finished) {
      this.connection = connection;
      this.finished = finished;
    }

    @Override
    public Future<Void> chunk(JsonObject frame) {
      if (connection.isOpen()) {
        connection.send(frame.encode());
      }
      return connection.writable();
    }

    @Override
    public void last(JsonObject frame) {
      // The turn ends before the answer goes out (as for a bus call), so a client that reacts to
      // the answer finds the instance idle.
      finished.run();
      if (connection.isOpen()) {
        connection.send(frame.encode());
      }
    }

    @Override
    public void cancelled() {
      finished.run();
    }

    @Override
    public boolean clientGone() {
      return !connection.isOpen();
    }

    @Override
    public String connectionKey() {
      return connection.key();
    }
  }
}
