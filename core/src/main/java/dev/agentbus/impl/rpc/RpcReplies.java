package dev.agentbus.impl.rpc;

import io.vertx.core.json.JsonObject;

/** Where the answer frames of one RPC call go: a bus reply, or a client connection. */
public interface RpcReplies {

  /**
   * Sends a chunk of a streaming call ({@code done:false}).
   *
   * @param frame the chunk frame
   */
  void chunk(JsonObject frame);

  /**
   * Sends the final frame of the call (result or error). Called exactly once.
   *
   * @param frame the final frame
   */
  void last(JsonObject frame);
}
