package dev.agentbus.impl;

import dev.agentbus.AgentCallException;
import dev.agentbus.AgentRef;
import dev.agentbus.impl.json.JsonValues;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.rpc.RpcDispatcher;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A handle on one instance; every call is a bus request through {@link AgentBusImpl}. */
final class AgentRefImpl implements AgentRef {

  private static final AtomicLong IDS = new AtomicLong();

  private final AgentBusImpl bus;
  private final String agentName;
  private final String name;
  private final JsonObject props;

  AgentRefImpl(AgentBusImpl bus, String agentName, String name, JsonObject props) {
    this.bus = bus;
    this.agentName = agentName;
    this.name = name;
    this.props = props;
  }

  @Override
  public String agentName() {
    return agentName;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    return bus.addresses().instance(agentName, name);
  }

  private static JsonObject rpcFrame(String method, Object[] args) {
    JsonArray json = new JsonArray();
    if (args != null) {
      for (Object arg : args) {
        json.add(JsonValues.toJson(arg));
      }
    }
    return new JsonObject()
        .put("type", Frames.RPC)
        .put("id", Long.toString(IDS.incrementAndGet()))
        .put("method", method)
        .put("args", json);
  }

  private static Future<Object> outcome(JsonObject answer) {
    if (answer.getBoolean("success", false)) {
      return Future.succeededFuture(answer.getValue("result"));
    }
    return Future.failedFuture(new AgentCallException(answer.getString("error", "Call failed")));
  }

  @Override
  public Future<Object> call(String method, Object... args) {
    return bus.request(agentName, name, rpcFrame(method, args), new DeliveryOptions(), props)
        .compose(AgentRefImpl::outcome);
  }

  @Override
  public <T> Future<T> call(Class<T> resultType, String method, Object... args) {
    return call(method, args)
        .map(
            result ->
                resultType.cast(JsonValues.fromJson(result, JsonValues.javaType(resultType))));
  }

  @Override
  public Future<Object> callStream(String method, Handler<Object> onChunk, Object... args) {
    String chunkAddress = "agentbus.stream." + UUID.randomUUID();
    Promise<Object> result = Promise.promise();
    AtomicBoolean handlerFailed = new AtomicBoolean();
    MessageConsumer<JsonObject> frames =
        bus.vertx()
            .eventBus()
            .localConsumer(
                chunkAddress,
                message -> {
                  JsonObject frame = message.body();
                  if (!frame.getBoolean("success", false) || frame.getBoolean("done", false)) {
                    outcome(frame).onComplete(result);
                  } else if (handlerFailed.get()) {
                    message.fail(500, "The chunk handler failed"); // the stream stops at this
                  } else {
                    try {
                      onChunk.handle(frame.getValue("result"));
                      message.reply(null); // the acknowledgement that lets the stream go on
                    } catch (RuntimeException e) {
                      handlerFailed.set(true);
                      message.fail(500, "The chunk handler failed: " + e.getMessage());
                      result.tryFail(e);
                    }
                  }
                });
    DeliveryOptions options =
        new DeliveryOptions().addHeader(RpcDispatcher.STREAM_HEADER, chunkAddress);
    Future<JsonObject> call =
        frames
            .completion()
            .compose(
                ignored -> bus.request(agentName, name, rpcFrame(method, args), options, props));
    call.onFailure(result::tryFail);
    // the consumer stays until the call has ended and its outcome is known: chunks still on their
    // way are then answered (a consumer gone would leave them to time out), and the final frame,
    // which follows the chunks, is not lost
    Future.join(call, result.future()).onComplete(ignored -> frames.unregister());
    return result.future();
  }

  @Override
  public Future<Object> state() {
    return bus.request(
            agentName,
            name,
            new JsonObject().put("type", Frames.STATE_GET),
            new DeliveryOptions(),
            props)
        .map(answer -> answer.getValue("state"));
  }

  @Override
  public Future<Void> setState(Object state, String source) {
    DeliveryOptions options = new DeliveryOptions().addHeader("agentbus.source", source);
    return bus.request(agentName, name, Frames.state(JsonValues.toJson(state)), options, props)
        .compose(
            answer -> {
              if (Frames.STATE_ERROR.equals(answer.getString("type"))) {
                return Future.failedFuture(new AgentCallException(answer.getString("error")));
              }
              return Future.succeededFuture();
            });
  }

  @Override
  public <T> T stub(Class<T> api) {
    if (!api.isInterface()) {
      throw new IllegalArgumentException(api.getName() + " is not an interface");
    }
    return api.cast(
        Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new StubHandler(this)));
  }

  @Override
  public AgentRef withProps(JsonObject props) {
    return new AgentRefImpl(bus, agentName, name, props.copy());
  }

  @Override
  public String toString() {
    return "AgentRef[" + agentName + "/" + name + "]";
  }
}
