package dev.agentbus.spi;

import dev.agentbus.Connection;
import dev.agentbus.StreamCancelledException;
import io.vertx.core.Future;

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

  /**
   * Tells when a stream may write again: a streaming call waits on it after each chunk, so that it
   * produces at the client's pace. The default suits a connection without a buffer of its own.
   *
   * @return completes at once while the connection's write buffer has room, otherwise when it has
   *     drained enough; fails with {@link StreamCancelledException} once the connection is closed
   */
  default Future<Void> writable() {
    return isOpen()
        ? Future.succeededFuture()
        : Future.failedFuture(new StreamCancelledException("The connection closed"));
  }
}
