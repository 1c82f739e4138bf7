package dev.agentbus;

import dev.agentbus.impl.AgentBusImpl;
import dev.agentbus.spi.ConnectionHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agent runtime of one Vert.x instance: it knows the agent classes, activates an instance on
 * its first message, hibernates idle ones and wakes them on the next message.
 *
 * <p>Every live instance is a verticle consuming on its own local bus address, {@code
 * <prefix>.<agent>.<name>} (e.g. {@code agents.counter-agent.room-1}). The body of a message to it
 * is a protocol frame ({@code rpc}, {@code cf_agent_state}, or {@code agentbus_state_get}); the
 * reply is the answering frame. State changes are also published on {@code
 * <prefix>-state.<agent>.<name>}.
 *
 * <pre>{@code
 * AgentBus agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir("data"));
 * agents.register(CounterAgent.class);
 * int count = agents.get(CounterAgent.class, "room-1").call(Integer.class, "increment", 1).await();
 * }</pre>
 */
public interface AgentBus {

  /**
   * Creates a runtime. The data directory is created if missing.
   *
   * @param vertx the Vert.x instance the agents run on
   * @param options the configuration
   * @return the runtime
   */
  static AgentBus create(Vertx vertx, AgentBusOptions options) {
    return new AgentBusImpl(vertx, options, Clock.systemDefaultZone());
  }

  /**
   * Creates a runtime whose schedules follow a clock of your choice: a {@link ManualClock} in
   * tests, or a clock in another zone (cron expressions are read in the clock's zone). Schedules
   * that came due while the node was down fire once, as soon as it starts.
   *
   * @param vertx the Vert.x instance the agents run on
   * @param options the configuration
   * @param clock the clock schedules follow
   * @return the runtime
   */
  static AgentBus create(Vertx vertx, AgentBusOptions options, Clock clock) {
    return new AgentBusImpl(vertx, options, clock);
  }

  /**
   * Registers an agent class, created with its no-argument constructor.
   *
   * @param agentClass the class
   * @return this runtime
   * @throws IllegalArgumentException if the class is not a valid agent (no usable constructor,
   *     overloaded or malformed callable methods, a bad name) or its name is already taken
   */
  AgentBus register(Class<? extends Agent<?>> agentClass);

  /**
   * Registers an agent class with a factory, e.g. to inject services.
   *
   * @param agentClass the class
   * @param factory makes a new object of the class for each activation
   * @param <A> the agent type
   * @return this runtime
   */
  <A extends Agent<?>> AgentBus register(Class<A> agentClass, Supplier<? extends A> factory);

  /** {@return the public names of the registered agents} */
  Set<String> agentNames();

  /**
   * Tells whether an agent is registered.
   *
   * @param agentName a public agent name
   * @return whether an agent of that name is registered
   */
  boolean hasAgent(String agentName);

  /**
   * A handle on an instance. Getting it does not activate anything; its first call does.
   *
   * @param agentClass a registered agent class
   * @param name the instance name: any non-empty string up to {@code maxNameBytes} UTF-8 bytes
   * @return the handle
   * @throws IllegalArgumentException if the class is not registered or the name is not accepted
   */
  AgentRef get(Class<? extends Agent<?>> agentClass, String name);

  /**
   * A handle on an instance by the agent's public name.
   *
   * @param agentName e.g. {@code counter-agent}
   * @param name the instance name
   * @return the handle
   * @throws IllegalArgumentException if no agent has that name or the name is not accepted
   */
  AgentRef get(String agentName, String name);

  /**
   * Sends one protocol frame to an instance, activating or waking it first, and returns the
   * answering frame. This is what the gateway and {@link AgentRef} use.
   *
   * @param agentName the agent's public name
   * @param name the instance name
   * @param frame e.g. {@code {"type":"rpc","id":"1","method":"add","args":[1,2]}}
   * @param props start-up properties passed to {@link Agent#onStart} if this activates the instance
   * @return the answer frame; fails if the agent is unknown, the name is refused, the instance
   *     failed to start, or the call timed out
   */
  Future<JsonObject> request(String agentName, String name, JsonObject frame, JsonObject props);

  /**
   * Sends any message (a frame, or a gateway event with its headers) to an instance, activating or
   * waking it first, without waiting for an answer.
   *
   * @param agentName the agent's public name
   * @param name the instance name
   * @param body the message body
   * @param options headers
   * @param props start-up properties, used if this activates the instance
   * @return completes once the instance is live and the message sent; fails if the agent is
   *     unknown, the name refused or the instance could not start
   */
  Future<Void> send(
      String agentName, String name, Object body, DeliveryOptions options, JsonObject props);

  /**
   * Sends any message to an instance, activating or waking it first, and returns the answer.
   *
   * @param agentName the agent's public name
   * @param name the instance name
   * @param body the message body
   * @param options headers
   * @param props start-up properties, used if this activates the instance
   * @return the answer message
   */
  Future<Message<Object>> request(
      String agentName, String name, Object body, DeliveryOptions options, JsonObject props);

  /**
   * Lets instances reach the client connections a gateway holds.
   *
   * @param hub the gateway's connections
   * @return this runtime
   */
  AgentBus setConnectionHub(ConnectionHub hub);

  /**
   * Checks an instance name as every entry point does.
   *
   * @param name a candidate instance name
   * @return the name
   * @throws IllegalArgumentException with the reason if it is empty, too long or not valid Unicode
   */
  String checkName(String name);

  /**
   * The bus address of an instance.
   *
   * @param agentName the agent's public name
   * @param name the instance name
   * @return {@code <prefix>.<agent>.<name>}
   */
  String address(String agentName, String name);

  /**
   * The address on which an instance publishes its state frames ({@code cf_agent_state}).
   *
   * @param agentName the agent's public name
   * @param name the instance name
   * @return {@code <prefix>-state.<agent>.<name>}
   */
  String stateAddress(String agentName, String name);

  /** {@return the number of instances live (activating or active) on this node now} */
  int liveInstances();

  /**
   * Hibernates every idle live instance now, as if their idle time had passed.
   *
   * @return completes when they have hibernated
   */
  Future<Void> hibernateIdle();

  /**
   * Fires every schedule and queued task due by the clock now, and completes once their runs have
   * ended, including runs of tasks they queued or that fell due meanwhile (not retries that wait
   * for a later time). Schedules fire on their own; this is for tests, typically after moving a
   * {@link ManualClock}.
   *
   * @return completes when the node has no due task left and no run in progress
   */
  Future<Void> fireDueSchedules();

  /**
   * Stops the runtime gracefully: waits up to {@code shutdownTimeoutMs} for running calls, then
   * hibernates every live instance (data flushed, files closed). Later calls fail.
   *
   * @return completes when every instance has hibernated
   */
  Future<Void> close();
}
