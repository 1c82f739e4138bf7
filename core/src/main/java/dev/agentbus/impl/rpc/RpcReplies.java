package dev.agentbus.impl.rpc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/** Where the answer frames of one RPC call go: a bus reply, or a client connection. */
public interface RpcReplies {

  /**
   * Sends a chunk of a streaming call ({@code done:false}).
   *
   * @param frame the chunk frame
   * @return completes when the next chunk may be sent (at once while the client's buffer has room);
   *     fails with {@link dev.agentbus.StreamCancelledException} once the client is gone
   */
  Future<Void> chunk(JsonObject frame);

  /**
   * Sends the final frame of the call (result or error) and ends its turn. Called at most once, and
   * never after {@link #cancelled}.
   *
   * @param frame the final frame
   */
  void last(JsonObject frame);

  /**
   * The call's stream was cancelled (its client went away or the runtime is stopping): ends the
   * call's turn without a final frame. Called at most once, and never after {@link #last}.
   */
  void cancelled();

  /** {@return whether the client is known to be gone already (its socket closed)} */
  default boolean clientGone() {
    return false;
  }

  /**
   * {@return the key of the connection the answers go to, or {@code null} for a bus caller}: a
   * connection's streams are cancelled when it closes
   */
  default @Nullable String connectionKey() {
    return null;
  }
}
