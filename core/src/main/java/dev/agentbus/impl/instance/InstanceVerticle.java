package dev.agentbus.impl.instance;

import dev.agentbus.Agent;
import dev.agentbus.StateSource;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.rpc.RpcDispatcher;
import dev.agentbus.impl.type.AgentType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * One live agent instance: a verticle on a virtual-thread context that consumes the instance's
 * local bus address and handles its frames one message at a time.
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
    rpc = new RpcDispatcher(type, agent, vertx.eventBus(), this::answer);
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
    context.runOnContext(ignored -> process(message));
  }

  private void process(Message<Object> message) {
    try {
      if (!(message.body() instanceof JsonObject frame)) {
        fail(message, "A frame must be a JSON object");
        return;
      }
      String frameType = frame.getValue("type") instanceof String t ? t : "";
      switch (frameType) {
        case Frames.RPC -> {
          if (!rpc.dispatch(frame, message)) {
            fail(
                message,
                "Malformed rpc frame: it needs a string id, a string method and an args array");
          }
        }
        case Frames.STATE -> {
          String source = message.headers().get(SOURCE_HEADER);
          answer(
              message,
              runtime.setStateFromClient(
                  frame.getValue("state"),
                  source == null ? StateSource.connection("bus") : StateSource.connection(source)));
        }
        case Frames.STATE_GET -> answer(message, Frames.state(runtime.stateJson()));
        default -> fail(message, "Unsupported frame type '" + frameType + "'");
      }
    } catch (RuntimeException e) {
      fail(message, "Internal error: " + e);
    }
  }

  private void fail(Message<Object> message, String error) {
    boolean last = slot.release(System.currentTimeMillis());
    message.fail(400, error);
    retireIfLast(last);
  }

  private void answer(Message<Object> message, JsonObject frame) {
    // Released before the reply, so a caller that reacts to the reply finds the instance idle.
    boolean last = slot.release(System.currentTimeMillis());
    message.reply(frame);
    retireIfLast(last);
  }

  private void retireIfLast(boolean last) {
    if (last) {
      host.directory().undeploy(slot);
    }
  }
}
