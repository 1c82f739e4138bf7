package dev.agentbus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * A handle on one agent instance, from {@link AgentBus#get}. Cheap to create and to keep; the
 * instance is activated or woken by the first call, not by the handle.
 */
public interface AgentRef {

  /** {@return the agent's public name} */
  String agentName();

  /** {@return the instance name} */
  String name();

  /** {@return the instance's bus address} */
  String address();

  /**
   * Calls a {@link Callable} method.
   *
   * @param method the method name
   * @param args the arguments, each mapped to JSON by Jackson
   * @return the result as JSON (a {@code JsonObject}, {@code JsonArray}, string, number, boolean or
   *     {@code null}); fails with {@link AgentCallException} if the agent answered with an error
   */
  Future<@Nullable Object> call(String method, @Nullable Object... args);

  /**
   * Calls a {@link Callable} method and maps its result.
   *
   * @param resultType the type Jackson maps the result to
   * @param method the method name
   * @param args the arguments
   * @param <T> the result type
   * @return the mapped result; fails with {@link AgentCallException} on an error answer
   */
  <T> Future<T> call(Class<T> resultType, String method, @Nullable Object... args);

  /**
   * Calls a streaming {@link Callable} method. Each chunk is acknowledged when {@code onChunk}
   * returns, and the producer waits while 64 are unacknowledged: the stream runs at the pace of
   * {@code onChunk}. If {@code onChunk} throws, the call fails with that exception and the stream
   * is cancelled.
   *
   * @param method the method name
   * @param onChunk receives each chunk (as JSON) in order, on the caller's context
   * @param args the arguments
   * @return the final value; fails with {@link AgentCallException} if the stream ended with an
   *     error (chunks before it were delivered)
   */
  Future<@Nullable Object> callStream(
      String method, Handler<@Nullable Object> onChunk, @Nullable Object... args);

  /**
   * Reads the instance's state.
   *
   * @return the state as JSON, or {@code null} if the agent has no state
   */
  Future<@Nullable Object> state();

  /**
   * Replaces the instance's state as a client would (validation applies, listeners are told).
   *
   * @param state the new state, mapped to JSON by Jackson
   * @param source the id under which the change is reported (e.g. a client id)
   * @return completes when persisted; fails with {@link AgentCallException} ({@code State update
   *     rejected}) if the agent refused it
   */
  Future<Void> setState(Object state, String source);

  /**
   * A typed stub: each method of {@code api} calls the agent method of the same name. A method
   * returning {@code Future<T>} maps the result to {@code T}; any other return type waits for the
   * answer (allowed on virtual threads and plain threads, not on an event loop).
   *
   * @param api an interface listing some of the agent's callable methods
   * @param <T> the interface type
   * @return the stub
   */
  <T> T stub(Class<T> api);

  /**
   * A handle that passes start-up properties to {@link Agent#onStart} when one of its calls
   * activates the instance.
   *
   * @param props the properties
   * @return a new handle on the same instance
   */
  AgentRef withProps(JsonObject props);
}
