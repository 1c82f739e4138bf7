package dev.agentbus.gateway.impl;

import dev.agentbus.spi.ConnectionHub;
import dev.agentbus.spi.HubConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open sockets of this node, by instance, for the instances to find. */
final class SocketHub implements ConnectionHub {

  private record Instance(String agent, String name) {}

  private final Map<Instance, Map<String, SocketConnection>> byInstance = new ConcurrentHashMap<>();

  void add(String agent, String name, SocketConnection connection) {
    byInstance
        .computeIfAbsent(new Instance(agent, name), k -> new ConcurrentHashMap<>())
        .put(connection.key(), connection);
  }

  void remove(String agent, String name, SocketConnection connection) {
    byInstance.computeIfPresent(
        new Instance(agent, name),
        (k, sockets) -> {
          sockets.remove(connection.key());
          return sockets.isEmpty() ? null : sockets;
        });
  }

  List<SocketConnection> all() {
    List<SocketConnection> out = new ArrayList<>();
    for (Map<String, SocketConnection> sockets : byInstance.values()) {
      out.addAll(sockets.values());
    }
    return out;
  }

  @Override
  public Collection<? extends HubConnection> connections(String agent, String name) {
    Map<String, SocketConnection> sockets = byInstance.get(new Instance(agent, name));
    return sockets == null ? List.of() : List.copyOf(sockets.values());
  }

  @Override
  public HubConnection connection(String agent, String name, String id) {
    Map<String, SocketConnection> sockets = byInstance.get(new Instance(agent, name));
    if (sockets == null) {
      return null;
    }
    SocketConnection newest = null;
    for (SocketConnection socket : sockets.values()) {
      if (socket.id().equals(id) && (newest == null || socket.key().compareTo(newest.key()) > 0)) {
        newest = socket;
      }
    }
    return newest;
  }
}
