package dev.agentbus.bench.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake OpenAI-compatible model server on 127.0.0.1: {@code POST .../chat/completions} streams a
 * chat-completions event stream at the pace the conversation's last directive asks for ({@link
 * #directive}): its first text delta at once, the next ones {@code intervalMicros} apart (reckoned
 * from the first, so lateness does not add up), a {@code finish_reason} chunk {@code tailMillis}
 * after the last delta, then {@code data: [DONE]}.
 *
 * <p>Delta {@code k}'s text is {@code [k@nanos]}, {@code nanos} being {@code System.nanoTime()} of
 * this JVM just before the delta is written: the benchmark's clients run in the same JVM, so a
 * client subtracts it from its own reading and gets the delay with no clock to reconcile. For the
 * time to first chunk, the server keeps each turn's arrival (the request's head read) and first
 * write, by the directive's key ({@link #firstByte}).
 */
final class FakeModel {

  private static final String MARK = "bench-directive ";
  private static final String HEAD =
      "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":0,"
          + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{";

  private final Vertx vertx;
  private final Map<String, long[]> firstBytes = new ConcurrentHashMap<>();
  private final AtomicLong streams = new AtomicLong();
  private final AtomicLong deltasWritten = new AtomicLong();
  private HttpServer server;

  private FakeModel(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Starts the server on a free port of 127.0.0.1.
   *
   * @param vertx where it runs
   * @return the running server
   */
  static Future<FakeModel> start(Vertx vertx) {
    FakeModel model = new FakeModel(vertx);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(model::handle)
        .listen()
        .map(
            server -> {
              model.server = server;
              return model;
            });
  }

  /** {@return the port it listens on} */
  int port() {
    return server.actualPort();
  }

  /** {@return the base URL to give the OpenAI provider} */
  String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** {@return how many replies it has begun} */
  long streams() {
    return streams.get();
  }

  /** {@return how many text deltas it has written} */
  long deltasWritten() {
    return deltasWritten.get();
  }

  /**
   * The text of a user message that asks the fake model for a reply.
   *
   * @param key names the turn (see {@link #firstByte})
   * @param deltas how many text deltas
   * @param intervalMicros between two deltas
   * @param tailMillis from the last delta to the end of the reply
   * @return the text
   */
  static String directive(String key, int deltas, long intervalMicros, long tailMillis) {
    return MARK + key + " " + deltas + " " + intervalMicros + " " + tailMillis;
  }

  /**
   * The model's own time to first byte for a turn, forgotten once read.
   *
   * @param key the directive's key
   * @return {@code {arrivalNanos, firstWriteNanos}}, or {@code null} if that turn never came
   */
  long[] firstByte(String key) {
    return firstBytes.remove(key);
  }

  private void handle(HttpServerRequest request) {
    long arrival = System.nanoTime();
    if (!request.path().endsWith("/chat/completions")) {
      request.response().setStatusCode(404).end();
      return;
    }
    request
        .body()
        .onSuccess(body -> stream(request.response(), body.toString(), arrival))
        .onFailure(e -> request.response().setStatusCode(500).end());
  }

  private void stream(HttpServerResponse response, String body, long arrival) {
    int at = body.lastIndexOf(MARK);
    if (at < 0) {
      response.setStatusCode(400).end("no " + MARK.trim() + " in the conversation");
      return;
    }
    int end = at + MARK.length();
    while (end < body.length() && body.charAt(end) != '"' && body.charAt(end) != '\\') {
      end++;
    }
    String[] words = body.substring(at + MARK.length(), end).split(" ");
    Reply reply =
        new Reply(
            response,
            words[0],
            Integer.parseInt(words[1]),
            Long.parseLong(words[2]) * 1000,
            Long.parseLong(words[3]));
    streams.incrementAndGet();
    response
        .setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    response.closeHandler(v -> reply.closed = true);
    reply.firstDelta(arrival);
  }

  /** One streaming reply; runs on the request's event loop. */
  private final class Reply {
    final HttpServerResponse response;
    final String key;
    final int deltas;
    final long intervalNanos;
    final long tailMillis;
    long startNanos;
    int next;
    boolean closed;

    Reply(
        HttpServerResponse response, String key, int deltas, long intervalNanos, long tailMillis) {
      this.response = response;
      this.key = key;
      this.deltas = deltas;
      this.intervalNanos = intervalNanos;
      this.tailMillis = tailMillis;
    }

    void firstDelta(long arrival) {
      startNanos = System.nanoTime();
      long written = write(0, "\"role\":\"assistant\",");
      firstBytes.put(key, new long[] {arrival, written});
      next = 1;
      schedule();
    }

    /** Writes delta k; returns the time it carries. */
    long write(int k, String extra) {
      long now = System.nanoTime();
      response.write(
          Buffer.buffer(
              HEAD
                  + extra
                  + "\"content\":\"["
                  + k
                  + "@"
                  + now
                  + "]\"},\"finish_reason\":null}]}\n\n"));
      deltasWritten.incrementAndGet();
      return now;
    }

    void schedule() {
      if (closed) {
        return;
      }
      if (next >= deltas) {
        vertx.setTimer(Math.max(1, tailMillis), t -> finish());
        return;
      }
      long wait = startNanos + next * intervalNanos - System.nanoTime();
      vertx.setTimer(Math.max(1, (wait + 999_999) / 1_000_000), t -> tick());
    }

    void tick() {
      long now = System.nanoTime();
      while (!closed && next < deltas && startNanos + next * intervalNanos <= now) {
        write(next++, "");
      }
      schedule();
    }

    void finish() {
      if (closed) {
        return;
      }
      response.write(HEAD + "},\"finish_reason\":\"stop\"}]}\n\n");
      response.end("data: [DONE]\n\n");
    }
  }
}
