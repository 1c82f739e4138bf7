package dev.agentbus.conformance;

import dev.agentbus.Agent;
import dev.agentbus.Callable;
import dev.agentbus.Connection;
import dev.agentbus.StreamingResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The callable agent of the Agents SDK's browser suite ({@code test-callable-agent}): plain,
 * asynchronous, failing, hanging, void and streaming methods with exact answers, and one method
 * that is not callable.
 */
public class TestCallableAgent extends Agent<JsonObject> {

  @Override
  public JsonObject initialState() {
    return new JsonObject().put("value", 0);
  }

  /** {@code a + b}. */
  @Callable
  public double add(double a, double b) {
    return a + b;
  }

  /** Waits {@code ms}, then answers {@code "done"}; other messages are handled meanwhile. */
  @Callable
  public String asyncMethod(long ms) {
    vertx().timer(Math.max(1, ms)).await();
    return "done";
  }

  /** Waits {@code ms}, then fails with {@code delayed failure}. */
  @Callable
  public String delayedThrow(long ms) {
    vertx().timer(Math.max(1, ms)).await();
    throw new IllegalStateException("delayed failure");
  }

  /** Fails with the given text. */
  @Callable
  public Object throwError(String message) {
    throw new IllegalStateException(message);
  }

  /** Never answers; the instance keeps handling other messages. */
  @Callable
  public Future<Object> hang() {
    return Promise.<Object>promise().future();
  }

  /** Answers without a result. */
  @Callable
  public void voidMethod() {}

  /** Answers without a result (JavaScript's {@code undefined}). */
  @Callable
  public void returnUndefined() {}

  /** Answers with a {@code null} result. */
  @Callable
  public Object returnNull() {
    return null;
  }

  /**
   * Answers the number of the instance's open connections, the caller's included; right after the
   * answer is sent, closes every one of them with the code and reason.
   */
  @Callable
  public int closeConnectionsForTest(int code, String reason) {
    List<Connection> open = getConnections(null);
    // Runs after this turn, whose answer is written to the caller's socket first.
    vertx()
        .getOrCreateContext()
        .runOnContext(ignored -> open.forEach(connection -> connection.close(code, reason)));
    return open.size();
  }

  /** Chunks {@code 0..n-1}, then ends with {@code n}. */
  @Callable(streaming = true)
  public void streamNumbers(StreamingResponse stream, int n) {
    for (int i = 0; i < n; i++) {
      stream.send(i);
    }
    stream.end(n);
  }

  /**
   * Sends each of {@code chunks}, each after waiting {@code delayMs}; ends with {@code "complete"}
   * (the Agents SDK suite's {@code streamWithDelay(chunks: string[], delayMs)}).
   */
  @Callable(streaming = true)
  public void streamWithDelay(StreamingResponse stream, List<String> chunks, long delayMs) {
    for (String chunk : chunks) {
      vertx().timer(Math.max(1, delayMs)).await();
      stream.send(chunk);
    }
    stream.end("complete");
  }

  /** Chunk {@code "chunk1"}, then fails with {@code Stream failed}. */
  @Callable(streaming = true)
  public void streamError(StreamingResponse stream) {
    stream.send("chunk1");
    throw new IllegalStateException("Stream failed");
  }

  /** Chunk {@code "chunk1"}, then the stream's own error {@code Graceful error}. */
  @Callable(streaming = true)
  public void streamGracefulError(StreamingResponse stream) {
    stream.send("chunk1");
    stream.error("Graceful error");
  }

  /** Chunk {@code "chunk1"}, error {@code First close}; the second close is ignored. */
  @Callable(streaming = true)
  public void streamDoubleClose(StreamingResponse stream) {
    stream.send("chunk1");
    stream.error("First close");
    stream.end("second close");
  }

  /** Fails with {@code Immediate failure} before any chunk. */
  @Callable(streaming = true)
  public void streamThrowsImmediately(StreamingResponse stream) {
    throw new IllegalStateException("Immediate failure");
  }

  /**
   * Exists and is public, but is not callable: a client calling it gets {@code Method privateMethod
   * is not callable}.
   */
  public String privateMethod() {
    return "never over the wire";
  }
}
