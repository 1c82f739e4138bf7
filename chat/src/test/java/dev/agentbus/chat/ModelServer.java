package dev.agentbus.chat;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A fake model server on 127.0.0.1 for the provider tests: it records each request and answers with
 * a scripted {@link Reply}, event by event, as a real server streams.
 */
final class ModelServer {

  /** A request as the server received it. */
  record Received(String method, String path, MultiMap headers, JsonObject body) {}

  private final Vertx vertx;
  private final HttpServer server;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private volatile Reply reply = Reply.status(500, new JsonObject().put("error", "no reply set"));
  private final Promise<Void> closed = Promise.promise();

  private ModelServer(Vertx vertx) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.requestHandler(
        request -> {
          request.connection().closeHandler(ignored -> closed.tryComplete());
          request
              .body()
              .onSuccess(
                  body -> {
                    received.add(
                        new Received(
                            request.method().name(),
                            request.path(),
                            request.headers(),
                            body.length() == 0 ? new JsonObject() : body.toJsonObject()));
                    reply.play(request.response(), vertx);
                  });
        });
  }

  /** {@return a server listening on a free port of 127.0.0.1} */
  static ModelServer start(Vertx vertx) {
    ModelServer server = new ModelServer(vertx);
    server.server.listen().await();
    return server;
  }

  /** {@return the base URL of its API: {@code http://127.0.0.1:<port>/v1}} */
  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  /**
   * Answers the next requests with this.
   *
   * @param reply what to answer
   * @return this server
   */
  ModelServer replyWith(Reply reply) {
    this.reply = reply;
    return this;
  }

  /** {@return the next request it received, waiting up to 10 s} */
  Received request() throws InterruptedException {
    Received request = received.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request reached the model server");
    }
    return request;
  }

  /** {@return completes when the client has closed the connection of a request} */
  Future<Void> closedByClient() {
    return closed.future();
  }

  void close() {
    server.close().await();
  }

  /** What the server answers: a status with a JSON body, or a stream of events step by step. */
  static final class Reply {

    private interface Step {
      Future<?> run(HttpServerResponse response, Vertx vertx);
    }

    private final List<Step> steps = new ArrayList<>();

    private Reply() {}

    /**
     * @param status an error status
     * @param body the provider's JSON error body
     * @return a reply of that status and body
     */
    static Reply status(int status, JsonObject body) {
      Reply reply = new Reply();
      reply.steps.add(
          (response, vertx) ->
              response
                  .setStatusCode(status)
                  .putHeader("content-type", "application/json")
                  .end(body.encode()));
      return reply;
    }

    /** {@return a reply that never comes: the server reads the request and says nothing} */
    static Reply silence() {
      return new Reply();
    }

    /** {@return a 200 event stream with nothing in it yet} */
    static Reply stream() {
      Reply reply = new Reply();
      reply.steps.add(
          (response, vertx) -> {
            response
                .setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache");
            return response.writeHead();
          });
      return reply;
    }

    /**
     * @param events server-sent events, each sent as one write
     * @return this reply, which sends them next
     */
    Reply send(List<String> events) {
      events.forEach(event -> steps.add((response, vertx) -> response.write(event)));
      return this;
    }

    /**
     * @param events server-sent events
     * @param pauseMs the time between two of them
     * @return this reply, which sends them next, the first at once
     */
    Reply sendSpaced(List<String> events, long pauseMs) {
      for (int i = 0; i < events.size(); i++) {
        if (i > 0) {
          steps.add((response, vertx) -> vertx.timer(pauseMs));
        }
        String event = events.get(i);
        steps.add((response, vertx) -> response.write(event));
      }
      return this;
    }

    /**
     * @param event what must have happened, e.g. the client having received a delta
     * @return this reply, which waits for it before its next step
     */
    Reply waitFor(Supplier<Future<?>> event) {
      steps.add((response, vertx) -> event.get());
      return this;
    }

    /** {@return this reply, which ends the response next} */
    Reply end() {
      steps.add((response, vertx) -> response.end());
      return this;
    }

    /** {@return this reply, which closes the connection next, without ending the response} */
    Reply drop() {
      steps.add(
          (response, vertx) -> {
            response.reset();
            return Future.succeededFuture();
          });
      return this;
    }

    private void play(HttpServerResponse response, Vertx vertx) {
      Future<?> done = Future.succeededFuture();
      for (Step step : steps) {
        done = done.compose(ignored -> step.run(response, vertx));
      }
    }
  }
}
