package dev.agentbus.spi;

import io.vertx.core.Future;

/**
 * A gateway's way to one instance, opened once per socket (or request) by {@link
 * AgentHost#channel}: the agent and the name are checked when it opens, so delivering an event
 * costs no lookup of either.
 */
public interface InstanceChannel {

  /** {@return the agent's public name} */
  String agentName();

  /** {@return the instance name} */
  String name();

  /**
   * Hands an event to the instance, activating or waking it first. Events delivered from one thread
   * reach the instance in the order delivered, across an activation and a hibernation.
   *
   * @param event the event
   * @return completes once the instance has taken the event (not once it has handled it); fails if
   *     the instance could not start or the runtime is closed
   */
  Future<Void> deliver(GatewayEvent event);
}
