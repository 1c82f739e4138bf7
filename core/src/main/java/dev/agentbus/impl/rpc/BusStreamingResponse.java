package dev.agentbus.impl.rpc;

import dev.agentbus.StreamingResponse;
import dev.agentbus.impl.json.JsonValues;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** A {@link StreamingResponse} that turns chunks and the end into {@code rpc} frames. */
final class BusStreamingResponse implements StreamingResponse {

  private final String id;
  private final Consumer<JsonObject> chunks;
  private final Consumer<JsonObject> last;
  private boolean closed;

  BusStreamingResponse(String id, Consumer<JsonObject> chunks, Consumer<JsonObject> last) {
    this.id = id;
    this.chunks = chunks;
    this.last = last;
  }

  @Override
  public synchronized void send(Object chunk) {
    if (closed) {
      throw new IllegalStateException("The stream of call " + id + " is already closed");
    }
    chunks.accept(Frames.result(id, JsonValues.toJson(chunk), true, false));
  }

  @Override
  public synchronized void end(Object finalValue) {
    if (!closed) {
      closed = true;
      last.accept(Frames.result(id, JsonValues.toJson(finalValue), finalValue != null, true));
    }
  }

  @Override
  public synchronized void error(String message) {
    if (!closed) {
      closed = true;
      last.accept(Frames.error(id, message));
    }
  }

  @Override
  public synchronized boolean isClosed() {
    return closed;
  }
}
