package dev.agentbus.impl.instance;

import dev.agentbus.Agent;
import dev.agentbus.ConnectionContext;
import dev.agentbus.StateSource;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.rpc.RpcDispatcher;
import dev.agentbus.impl.rpc.RpcReplies;
import dev.agentbus.impl.type.AgentType;
import dev.agentbus.spi.GatewayEvents;
import dev.agentbus.spi.HttpExchange;
import dev.agentbus.spi.HubConnection;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * One live agent instance: a verticle on a virtual-thread context that consumes the instance's
 * local bus address and handles its messages one at a time (interleaving only where a message
 * awaits a future). Messages are protocol frames from bus callers, or gateway events ({@link
 * GatewayEvents}) about client connections and HTTP requests.
 */
final class InstanceVerticle extends VerticleBase {

  /** Bus header: the id of the client a frame comes from (its {@link StateSource}). */
  static final String SOURCE_HEADER = "agentbus.source";

  private final InstanceHost host;
  private final AgentType type;
  private final InstanceSlot slot;
  private final JsonObject props;
  private AgentRuntime<?> runtime;
  private Agent<?> agent;
  private RpcDispatcher rpc;
  private ConnectionEvents connections;
  private MessageConsumer<Object> consumer;

  InstanceVerticle(InstanceHost host, AgentType type, InstanceSlot slot, JsonObject props) {
    this.host = host;
    this.type = type;
    this.slot = slot;
    this.props = props;
  }

  @Override
  public Future<?> start() {
    runtime = new AgentRuntime<>(host, type, slot, context);
    agent = runtime.createAgent();
    runtime.load();
    rpc = new RpcDispatcher(type, agent);
    connections = new ConnectionEvents(agent, runtime, rpc);
    consumer = vertx.eventBus().localConsumer(slot.address(), this::handle);
    consumer.completion().await();
    agent.onStart(props);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (consumer != null) {
      consumer.unregister().await();
    }
    if (runtime != null) {
      runtime.hibernate();
    }
    return Future.succeededFuture();
  }

  private void handle(Message<Object> message) {
    if (!slot.tryAcquire()) {
      host.directory().redeliver(type, slot, message);
      return;
    }
    // The consumer hands each message to a task of its own: while a task awaits a future, the
    // context may start the next task (the consumer itself would wait for the await to end).
    context.runOnContext(ignored -> process(message.body(), message.headers(), message));
  }

  /**
   * Takes a one-way message from this node without the event bus: the same turn as a bus message,
   * one context task instead of the bus's delivery task and ours.
   *
   * @return false if the instance is retiring (the sender must go through activation)
   */
  boolean deliverLocally(Object body, MultiMap headers) {
    if (!slot.tryAcquire()) {
      return false;
    }
    MultiMap known = headers == null ? MultiMap.caseInsensitiveMultiMap() : headers;
    context.runOnContext(ignored -> process(body, known, null));
    return true;
  }

  /** One message's turn; {@code replyTo} is null for a one-way message. */
  private void process(Object body, MultiMap headers, Message<Object> replyTo) {
    try {
      String event = headers.get(GatewayEvents.EVENT);
      if (event != null) {
        gatewayEvent(event, body, headers, replyTo);
      } else {
        busFrame(body, headers, replyTo);
      }
    } catch (RuntimeException e) {
      fail(replyTo, "Internal error: " + e);
    }
  }

  private void gatewayEvent(String event, Object body, MultiMap headers, Message<Object> message) {
    if (event.equals(GatewayEvents.HTTP)) {
      connections.http((HttpExchange) body);
      done();
      return;
    }
    String key = headers.get(GatewayEvents.CONNECTION);
    HubConnection connection =
        host.connectionHub().socket(type.name(), runtime.instanceName(), key);
    switch (event) {
      case GatewayEvents.CONNECT -> {
        if (connection == null) {
          fail(message, "Connection " + key + " is not open");
        } else {
          connections.connect(connection, (ConnectionContext) body);
          answer(message, new JsonObject().put("ok", true));
        }
      }
      case GatewayEvents.FRAME -> {
        if (connection == null) {
          done(); // the socket closed while the frame was on its way
        } else {
          AgentRuntime.onBehalfOf(
              connection, () -> connections.frame(connection, body, this::done));
          connection.frameProcessed();
        }
      }
      case GatewayEvents.CLOSE -> {
        if (connection != null) {
          JsonObject close = (JsonObject) body;
          connections.close(
              connection,
              close.getInteger("code", 1005),
              close.getString("reason", ""),
              close.getBoolean("wasClean", false));
        }
        answer(message, new JsonObject().put("ok", true));
      }
      default -> fail(message, "Unknown gateway event '" + event + "'");
    }
  }

  private void busFrame(Object body, MultiMap headers, Message<Object> message) {
    if (!(body instanceof JsonObject frame)) {
      fail(message, "A frame must be a JSON object");
      return;
    }
    String frameType = frame.getValue("type") instanceof String t ? t : "";
    switch (frameType) {
      case Frames.RPC -> {
        if (!rpc.dispatch(frame, new BusReplies(message, headers))) {
          fail(
              message,
              "Malformed rpc frame: it needs a string id, a string method and an args array");
        }
      }
      case Frames.STATE -> {
        String source = headers.get(SOURCE_HEADER);
        answer(
            message,
            runtime.setStateFromClient(
                frame.getValue("state"), StateSource.connection(source == null ? "bus" : source)));
      }
      case Frames.STATE_GET -> answer(message, Frames.state(runtime.stateJson()));
      case Frames.TASKS_DUE -> {
        runtime.tasksHere().fire();
        done(); // sent without a reply: the instance reports to the scheduler directly
      }
      default -> fail(message, "Unsupported frame type '" + frameType + "'");
    }
  }

  /** Answers of a call that came as a bus request: the reply, and chunks to a stream address. */
  private final class BusReplies implements RpcReplies {
    private final Message<Object> message;
    private final String streamAddress;

    BusReplies(Message<Object> message, MultiMap headers) {
      this.message = message;
      this.streamAddress = headers.get(RpcDispatcher.STREAM_HEADER);
    }

    @Override
    public void chunk(JsonObject frame) {
      if (streamAddress != null) {
        vertx.eventBus().send(streamAddress, frame);
      }
    }

    @Override
    public void last(JsonObject frame) {
      chunk(frame);
      answer(message, frame);
    }
  }

  private void fail(Message<Object> message, String error) {
    boolean last = slot.release(System.currentTimeMillis());
    if (message != null) {
      message.fail(400, error);
    }
    retireIfLast(last);
  }

  private void answer(Message<Object> message, JsonObject frame) {
    // Released before the reply, so a caller that reacts to the reply finds the instance idle.
    boolean last = slot.release(System.currentTimeMillis());
    if (message != null) {
      message.reply(frame);
    }
    retireIfLast(last);
  }

  private void done() {
    retireIfLast(slot.release(System.currentTimeMillis()));
  }

  private void retireIfLast(boolean last) {
    if (last) {
      host.directory().undeploy(slot);
    }
  }
}
