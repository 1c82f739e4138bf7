package dev.agentbus.impl.instance;

import dev.agentbus.Connection;
import dev.agentbus.spi.ConnectionHub;
import dev.agentbus.spi.HubConnection;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instance's view of its client connections (static: it costs a live instance nothing). The
 * gateway holds them (so an instance can hibernate with sockets open); this room finds them in the
 * gateway's {@link ConnectionHub}, sends to them, and knows which connection the running turn
 * serves.
 */
final class InstanceConnections {

  private static final ThreadLocal<Connection> CURRENT = new ThreadLocal<>();

  private InstanceConnections() {}

  /** The connection whose frame this thread is handling, or {@code null}. */
  static @Nullable Connection current() {
    return CURRENT.get();
  }

  /**
   * Runs work on behalf of a connection: {@link #current()} returns it meanwhile, also across the
   * work's awaits (a turn keeps its virtual thread).
   */
  static void onBehalfOf(Connection connection, Runnable work) {
    Connection previous = CURRENT.get();
    CURRENT.set(connection);
    try {
      work.run();
    } finally {
      CURRENT.set(previous);
    }
  }

  /** Sends a text frame to every open connection but the excluded ones. */
  static void broadcast(
      ConnectionHub hub, String agent, String name, String message, List<String> excludedIds) {
    for (HubConnection connection : hub.connections(agent, name)) {
      if (!excludedIds.contains(connection.id())) {
        connection.send(message);
      }
    }
  }

  /** Sends a state frame to every connection that speaks the protocol, but its source. */
  static void sendState(
      ConnectionHub hub, String agent, String name, String frame, @Nullable String sourceId) {
    for (HubConnection connection : hub.connections(agent, name)) {
      if (connection.isProtocolEnabled() && !connection.id().equals(sourceId)) {
        connection.send(frame);
      }
    }
  }

  /** The open connections, all or those with a tag. */
  static List<Connection> list(ConnectionHub hub, String agent, String name, @Nullable String tag) {
    List<Connection> out = new ArrayList<>();
    for (HubConnection connection : hub.connections(agent, name)) {
      if (tag == null || connection.tags().contains(tag)) {
        out.add(connection);
      }
    }
    return out;
  }

  /** The open connection with an id, or {@code null}. */
  static @Nullable Connection byId(ConnectionHub hub, String agent, String name, String id) {
    return hub.connection(agent, name, id);
  }
}
