package dev.agentbus.spi;

import java.util.Collection;

/**
 * Where instances find their connections. Implemented by a gateway that holds client sockets and
 * registered with {@link AgentHost#setConnectionHub}; agents reach it through {@link
 * dev.agentbus.Agent#getConnections} and {@link dev.agentbus.Agent#broadcast}.
 */
public interface ConnectionHub {

  /**
   * Lists an instance's open connections.
   *
   * @param agent the agent's public name
   * @param name the instance name
   * @return the instance's open connections (a snapshot; empty if none)
   */
  Collection<? extends HubConnection> connections(String agent, String name);

  /**
   * The open connection with an id. A reconnecting client reuses its id and its new socket may open
   * before the old one closed: then the newest is returned.
   *
   * @param agent the agent's public name
   * @param name the instance name
   * @param id a connection id
   * @return the open connection, or {@code null}
   */
  HubConnection connection(String agent, String name, String id);
}
