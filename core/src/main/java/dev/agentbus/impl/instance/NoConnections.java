package dev.agentbus.impl.instance;

import dev.agentbus.spi.ConnectionHub;
import dev.agentbus.spi.HubConnection;
import java.util.Collection;
import java.util.List;

/** The connection hub of a runtime without a gateway: no instance has connections. */
enum NoConnections implements ConnectionHub {
  INSTANCE;

  @Override
  public Collection<? extends HubConnection> connections(String agent, String name) {
    return List.of();
  }

  @Override
  public HubConnection connection(String agent, String name, String id) {
    return null;
  }
}
