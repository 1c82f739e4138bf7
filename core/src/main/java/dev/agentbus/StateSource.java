package dev.agentbus;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a state change came from: the agent itself ({@link #SERVER}) or a client connection,
 * identified by its connection id.
 */
public final class StateSource {

  /** The change was made by the agent's own code through {@link Agent#setState}. */
  public static final StateSource SERVER = new StateSource(null);

  private final String connectionId;

  private StateSource(String connectionId) {
    this.connectionId = connectionId;
  }

  /**
   * A change made by a client.
   *
   * @param connectionId the connection's id (a WebSocket's {@code _pk}, or a bus client's id)
   * @return the source
   */
  public static StateSource connection(String connectionId) {
    return new StateSource(Objects.requireNonNull(connectionId, "connectionId"));
  }

  /** {@return whether the agent's own code made the change} */
  public boolean isServer() {
    return connectionId == null;
  }

  /**
   * {@return the id of the connection that made the change, or {@code null} for {@link #SERVER}}
   */
  public @Nullable String connectionId() {
    return connectionId;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof StateSource that && Objects.equals(connectionId, that.connectionId);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(connectionId);
  }

  /** {@code "server"} or the connection id. */
  @Override
  public String toString() {
    return isServer() ? "server" : connectionId;
  }
}
