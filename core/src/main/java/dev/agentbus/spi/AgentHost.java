package dev.agentbus.spi;

import dev.agentbus.Addresses;
import dev.agentbus.AgentBus;
import io.vertx.core.json.JsonObject;

/**
 * The runtime as a gateway sees it: what a web gateway (or any other front door that holds client
 * connections) needs from {@link AgentBus}, kept apart from what application code calls. Obtain it
 * with {@link #of(AgentBus)}.
 */
public interface AgentHost {

  /**
   * The gateway face of a runtime.
   *
   * @param agents a runtime made by {@link AgentBus#create}
   * @return its gateway face
   * @throws IllegalArgumentException if the runtime has none (not made by {@code AgentBus.create})
   */
  static AgentHost of(AgentBus agents) {
    if (agents instanceof AgentHost host) {
      return host;
    }
    throw new IllegalArgumentException(
        agents.getClass().getName() + " is not a runtime made by AgentBus.create");
  }

  /**
   * {@return whether an agent of that name is registered}
   *
   * @param agentName a public agent name
   */
  boolean hasAgent(String agentName);

  /**
   * Checks an instance name as every entry point does.
   *
   * @param name a candidate instance name
   * @return the name
   * @throws IllegalArgumentException with the reason if it is empty, too long or not valid Unicode
   */
  String checkName(String name);

  /** {@return the bus addresses of this runtime's instances} */
  Addresses addresses();

  /**
   * Opens the way to one instance, for a socket or a request. Nothing is activated until an event
   * is delivered.
   *
   * @param agentName the agent's public name
   * @param name the instance name
   * @param props start-up properties passed to {@code onStart} if an event activates the instance
   * @return the channel
   * @throws IllegalArgumentException if no agent has that name or the name is not accepted
   */
  InstanceChannel channel(String agentName, String name, JsonObject props);

  /**
   * Lets instances reach the client connections a gateway holds (for broadcasts and {@code
   * getConnections}).
   *
   * @param hub the gateway's connections
   */
  void setConnectionHub(ConnectionHub hub);
}
