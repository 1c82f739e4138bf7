package dev.agentbus;

import dev.agentbus.impl.AgentBusImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The agent runtime of one Vert.x instance: it knows the agent classes, activates an instance on
 * its first message, hibernates idle ones and wakes them on the next message.
 *
 * <p>This is the face application code uses. Gateways use the runtime's other face, {@link
 * dev.agentbus.spi.AgentHost}; tests drive its clock and hibernation through {@code
 * dev.agentbus.testkit.AgentTestKit}.
 *
 * <p>Every live instance is a verticle consuming on its own local bus address ({@link
 * #addresses()}: {@code <prefix>.<agent>.<name>}, e.g. {@code agents.counter-agent.room-1}). The
 * body of a message to it is a protocol frame ({@code rpc}, {@code cf_agent_state}, or {@code
 * agentbus_state_get}); the reply is the answering frame. State changes are also published on
 * {@code <prefix>-state.<agent>.<name>}.
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
   * @throws IllegalStateException if it cannot start on its data directory: another runtime holds
   *     it, or a file of the node's own cannot be made or opened (the message says which, in one
   *     line)
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
   * @throws IllegalStateException if it cannot start on its data directory: another runtime holds
   *     it, or a file of the node's own cannot be made or opened (the message says which, in one
   *     line)
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
   * The bus addresses of this runtime's instances, for code that talks to an instance over the
   * event bus directly (a message to an instance's address wakes it).
   *
   * @return the addresses
   */
  Addresses addresses();

  /** {@return the number of instances live (activating or active) on this node now} */
  int liveInstances();

  /**
   * Stops the runtime gracefully: waits up to {@code shutdownTimeoutMs} for running calls, then
   * hibernates every live instance (data flushed, files closed). Later calls fail.
   *
   * @return completes when every instance has hibernated
   */
  Future<Void> close();
}
