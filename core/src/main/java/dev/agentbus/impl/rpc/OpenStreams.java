package dev.agentbus.impl.rpc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streaming calls of one instance that have not ended, so that a connection's close or the
 * runtime's shutdown can cancel them.
 */
final class OpenStreams {

  private final Set<BusStreamingResponse> open = ConcurrentHashMap.newKeySet();

  void add(BusStreamingResponse stream) {
    open.add(stream);
  }

  void remove(BusStreamingResponse stream) {
    open.remove(stream);
  }

  /** Cancels the streams answering the connection with this key. */
  void cancelFor(String connectionKey, String reason) {
    for (BusStreamingResponse stream : open) {
      if (connectionKey.equals(stream.connectionKey())) {
        stream.cancel(reason);
      }
    }
  }

  /** Cancels every stream. */
  void cancelAll(String reason) {
    for (BusStreamingResponse stream : open) {
      stream.cancel(reason);
    }
  }

  int size() {
    return open.size();
  }
}
