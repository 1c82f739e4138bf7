package dev.agentbus.bench.gateway;

import dev.agentbus.bench.Latencies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP {@code GET} of an instance ({@code onRequest}) over {@code connections} keep-alive
 * connections opened up front, one request outstanding on each. Figures: requests per second, and
 * the latency of each request from its send to its whole body.
 */
final class HttpLoad extends LoadRun {

  private final String uri;
  private final int requests;
  private final int connectionCount;
  private final long[] latencies;
  private final List<HttpClientConnection> connections = new ArrayList<>();
  private int sent;
  private int answered;

  /**
   * @param endpoint the server
   * @param name the instance name
   * @param requests how many requests
   * @param connections how many connections
   */
  HttpLoad(Endpoint endpoint, String name, int requests, int connections) {
    super(endpoint, 120_000);
    this.uri = Wire.httpUri(name);
    this.requests = requests;
    this.connectionCount = connections;
    this.latencies = new long[requests];
  }

  @Override
  protected void begin() {
    List<Future<HttpClientConnection>> opened = new ArrayList<>();
    for (int i = 0; i < connectionCount; i++) {
      opened.add(
          endpoint
              .http()
              .connect(new HttpConnectOptions().setHost(Endpoint.HOST).setPort(endpoint.port())));
    }
    Future.all(opened)
        .onFailure(e -> fail("connect failed: " + e.getMessage()))
        .onSuccess(
            all -> {
              for (Future<HttpClientConnection> connection : opened) {
                connections.add(connection.result());
              }
              meter.start();
              for (HttpClientConnection connection : connections) {
                if (sent < requests) {
                  send(connection);
                }
              }
            });
  }

  private void send(HttpClientConnection connection) {
    sent++;
    long start = System.nanoTime();
    connection
        .request(HttpMethod.GET, uri)
        .compose(request -> request.send())
        .compose(response -> body(response))
        .onComplete(
            (body, failure) -> {
              if (ended()) {
                return;
              }
              latencies[answered++] = System.nanoTime() - start;
              if (failure != null) {
                error("request failed: " + failure.getMessage());
              } else if (answered == 1) {
                checkFirst(body);
              }
              if (sent < requests) {
                send(connection);
              } else if (answered == requests) {
                done();
              }
            });
  }

  private static Future<String> body(HttpClientResponse response) {
    if (response.statusCode() != 200) {
      return response
          .body()
          .transform(
              body ->
                  Future.failedFuture(
                      "status "
                          + response.statusCode()
                          + ": "
                          + (body.succeeded() ? body.result() : body.cause())));
    }
    return response.body().map(Object::toString);
  }

  private void checkFirst(String body) {
    try {
      if (!(new JsonObject(body).getValue("count") instanceof Number)) {
        error("unexpected body: " + body);
      }
    } catch (RuntimeException e) {
      error("body is not JSON: " + body);
    }
  }

  private void done() {
    meter.stop();
    Latencies figures = new Latencies(latencies, meter.nanos());
    connections.forEach(HttpClientConnection::close);
    finish(
        meter
            .result("http-get", requests, "requests/s")
            .put("p50Ms", figures.percentileMillis(50))
            .put("p99Ms", figures.percentileMillis(99))
            .put("connections", connectionCount));
  }

  @Override
  protected String progress() {
    return answered + " of " + requests + " requests answered, " + sent + " sent";
  }
}
