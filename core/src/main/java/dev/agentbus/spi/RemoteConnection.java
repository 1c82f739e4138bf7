package dev.agentbus.spi;

import dev.agentbus.AgentResponse;
import dev.agentbus.ResponseStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A connection held by a gateway on another node, as a decoded {@link GatewayEvent} carries it: its
 * key, id and settings. Reading them works; writing to the socket across nodes arrives with
 * clustering, and until then fails with {@link UnsupportedOperationException}.
 */
public final class RemoteConnection extends HubConnectionBase {

  /** The answer path of an HTTP request decoded from the wire: not routed yet. */
  static final HttpExchange.Responder UNROUTED_ANSWER =
      new HttpExchange.Responder() {
        @Override
        public void respond(AgentResponse response) {
          throw notRouted();
        }

        @Override
        public ResponseStream open(AgentResponse response) {
          throw notRouted();
        }
      };

  /**
   * A connection as decoded from the wire.
   *
   * @param key the socket's key on its node
   * @param id the connection id
   * @param readonly whether it is read-only
   * @param protocol whether it receives protocol frames
   * @param tags its tags
   * @param state its per-connection state
   */
  public RemoteConnection(
      String key,
      String id,
      boolean readonly,
      boolean protocol,
      JsonArray tags,
      @Nullable Object state) {
    super(key, id);
    setReadonly(readonly);
    setProtocolEnabled(protocol);
    Set<String> names = new HashSet<>();
    for (Object tag : tags) {
      names.add((String) tag);
    }
    setTags(names);
    setState(state);
  }

  private static UnsupportedOperationException notRouted() {
    return new UnsupportedOperationException(
        "Answering a connection of another node is not supported yet (it arrives with clustering)");
  }

  @Override
  public void send(String text) {
    throw notRouted();
  }

  @Override
  public void send(Buffer data) {
    throw notRouted();
  }

  @Override
  public void close(int code, String reason) {
    throw notRouted();
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void frameProcessed() {}
}
