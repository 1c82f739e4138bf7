package dev.agentbus.impl.instance;

import dev.agentbus.StateSource;
import dev.agentbus.StreamCancelledException;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.rpc.RpcDispatcher;
import dev.agentbus.impl.rpc.RpcReplies;
import dev.agentbus.impl.type.AgentType;
import dev.agentbus.spi.GatewayEvent;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * One live agent instance: a verticle on a virtual-thread context that handles its messages one at
 * a time (interleaving only where a message awaits a future). Messages arrive two ways: typed
 * {@link GatewayEvent}s and the scheduler's due frame straight from this node ({@link
 * #deliverLocally}), and protocol frames on the instance's bus address from everyone else.
 */
final class InstanceVerticle extends VerticleBase {

  /** Bus header: the id of the client a frame comes from (its {@link StateSource}). */
  static final String SOURCE_HEADER = "agentbus.source";

  /** The most chunks of a bus stream sent and not yet acknowledged by its caller. */
  static final int STREAM_WINDOW = 64;

  private static final MultiMap NO_HEADERS = MultiMap.caseInsensitiveMultiMap();

  private final InstanceHost host;
  private final AgentType type;
  private final InstanceSlot slot;
  private final JsonObject props;
  private InstanceContext<?> instance;
  private volatile GatewayEvents events;
  private MessageConsumer<Object> consumer;

  InstanceVerticle(InstanceHost host, AgentType type, InstanceSlot slot, JsonObject props) {
    this.host = host;
    this.type = type;
    this.slot = slot;
    this.props = props;
  }

  @Override
  public Future<?> start() {
    instance = new InstanceContext<>(host, type, slot, context);
    instance.load();
    events =
        new GatewayEvents(instance, new RpcDispatcher(type.callables(), instance.agent()), this);
    consumer = vertx.eventBus().localConsumer(slot.address(), this::handle);
    consumer.completion().await();
    instance.agent().onStart(props);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (consumer != null) {
      consumer.unregister().await();
    }
    if (instance != null) {
      instance.hibernate();
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
   * Takes a one-way message from this node without the event bus: a {@link GatewayEvent} or a
   * frame. The same turn as a bus message, one context task instead of the bus's delivery task and
   * ours.
   *
   * @return false if the instance is retiring (the sender must go through activation)
   */
  boolean deliverLocally(Object body) {
    if (!slot.tryAcquire()) {
      return false;
    }
    context.runOnContext(ignored -> process(body, NO_HEADERS, null));
    return true;
  }

  /** One message's turn; {@code replyTo} is null for a one-way message. */
  private void process(Object body, MultiMap headers, @Nullable Message<Object> replyTo) {
    try {
      if (body instanceof GatewayEvent event) {
        events.handle(event);
        if (replyTo != null) {
          replyTo.reply(new JsonObject().put("ok", true));
        }
      } else {
        busFrame(body, headers, replyTo);
      }
    } catch (RuntimeException e) {
      fail(replyTo, "Internal error: " + e);
    }
  }

  private void busFrame(Object body, MultiMap headers, @Nullable Message<Object> message) {
    if (!(body instanceof JsonObject frame)) {
      fail(message, "A frame must be a JSON object");
      return;
    }
    String frameType = frame.getValue("type") instanceof String t ? t : "";
    switch (frameType) {
      case Frames.RPC -> {
        if (!events.rpc().dispatch(frame, new BusReplies(message, headers))) {
          fail(
              message,
              "Malformed rpc frame: it needs a string id, a string method and an args array");
        }
      }
      case Frames.STATE -> {
        String source = headers.get(SOURCE_HEADER);
        answer(
            message,
            instance.setStateFromClient(
                frame.getValue("state"), StateSource.connection(source == null ? "bus" : source)));
      }
      case Frames.STATE_GET -> answer(message, Frames.state(instance.stateRoom().json()));
      case Frames.TASKS_DUE -> {
        instance.tasksHere().fire();
        done(); // sent without a reply: the instance reports to the scheduler directly
      }
      default -> fail(message, "Unsupported frame type '" + frameType + "'");
    }
  }

  /**
   * Answers of a call that came as a bus request: the reply, and chunks to a stream address. Each
   * chunk is a request the caller acknowledges once it has handled it; at most {@link
   * #STREAM_WINDOW} go unacknowledged, so a stream runs at its caller's pace. A failed
   * acknowledgement (the caller left: no handler, or a time-out) cancels the stream.
   */
  private final class BusReplies implements RpcReplies {
    private final @Nullable Message<Object> message;
    private final @Nullable String streamAddress;
    private int unacknowledged;
    private @Nullable Throwable gone;
    private @Nullable Promise<Void> windowOpen;

    BusReplies(@Nullable Message<Object> message, MultiMap headers) {
      this.message = message;
      this.streamAddress = headers.get(RpcDispatcher.STREAM_HEADER);
    }

    @Override
    public Future<Void> chunk(JsonObject frame) {
      if (streamAddress == null) {
        return Future.succeededFuture(); // the caller takes the final frame only
      }
      if (gone != null) {
        return Future.failedFuture(gone);
      }
      unacknowledged++;
      vertx.eventBus().request(streamAddress, frame).onComplete((ack, failure) -> acked(failure));
      if (unacknowledged < STREAM_WINDOW) {
        return Future.succeededFuture();
      }
      windowOpen = Promise.promise();
      return windowOpen.future();
    }

    /** On the instance's context: one chunk acknowledged, or its caller gone. */
    private void acked(@Nullable Throwable failure) {
      unacknowledged--;
      if (failure != null && gone == null) {
        gone = new StreamCancelledException("The caller of the stream went away: " + failure);
      }
      Promise<Void> waiting = windowOpen;
      if (waiting != null && (gone != null || unacknowledged <= STREAM_WINDOW / 2)) {
        windowOpen = null;
        if (gone != null) {
          waiting.fail(gone);
        } else {
          waiting.complete();
        }
      }
    }

    @Override
    public void last(JsonObject frame) {
      if (streamAddress != null) {
        vertx.eventBus().send(streamAddress, frame);
      }
      answer(message, frame);
    }

    @Override
    public void cancelled() {
      fail(
          message,
          "Stream cancelled: " + (gone == null ? "the runtime is stopping" : "caller gone"));
    }
  }

  private void fail(@Nullable Message<Object> message, String error) {
    boolean last = slot.release(System.currentTimeMillis());
    if (message != null) {
      message.fail(400, error);
    }
    retireIfLast(last);
  }

  private void answer(@Nullable Message<Object> message, JsonObject frame) {
    // Released before the reply, so a caller that reacts to the reply finds the instance idle.
    boolean last = slot.release(System.currentTimeMillis());
    if (message != null) {
      message.reply(frame);
    }
    retireIfLast(last);
  }

  /**
   * Cancels the instance's streaming calls, from any thread (the runtime is stopping and they ran
   * past the shutdown timeout): their next {@code send} throws and their turns end.
   */
  void cancelStreams() {
    GatewayEvents live = events;
    if (live != null) {
      live.rpc().cancelAllStreams();
    }
  }

  /** Ends a message's turn. */
  void done() {
    retireIfLast(slot.release(System.currentTimeMillis()));
  }

  private void retireIfLast(boolean last) {
    if (last) {
      host.directory().undeploy(slot);
    }
  }
}
