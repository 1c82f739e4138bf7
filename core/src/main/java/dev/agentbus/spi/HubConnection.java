package dev.agentbus.spi;

import dev.agentbus.Connection;

/** A {@link Connection} as a gateway implements it, with the runtime's side of flow control. */
public interface HubConnection extends Connection {

  /**
   * The socket's key: unique per socket on its node, unlike {@link #id()}, which a reconnecting
   * client reuses.
   *
   * @return the key
   */
  String key();

  /**
   * Marks the connection's protocol setting, decided once when it opens.
   *
   * @param enabled whether it receives protocol frames
   */
  void setProtocolEnabled(boolean enabled);

  /**
   * Sets the connection's tags, decided once when it opens.
   *
   * @param tags the tags
   */
  void setTags(java.util.Set<String> tags);

  /**
   * Called by the runtime when it has finished with one frame the gateway forwarded from this
   * connection, so the gateway can bound the frames in flight (and pause reading the socket).
   */
  void frameProcessed();
}
