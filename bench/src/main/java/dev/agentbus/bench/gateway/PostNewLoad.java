package dev.agentbus.bench.gateway;

import dev.agentbus.bench.Latencies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * New instances by HTTP {@code POST}: each request goes to an instance name never used before, and
 * {@code CounterAgent} answers a {@code POST} by incrementing its count, so every request creates
 * an instance and its SQLite file. {@code connections} keep-alive connections, one request
 * outstanding on each. Figures: creations per second, and the latency of each request.
 */
final class PostNewLoad extends LoadRun {

  private final String tag;
  private final int count;
  private final int connectionCount;
  private final long[] latencies;
  private final List<HttpClientConnection> connections = new ArrayList<>();
  private int sent;
  private int answered;

  /**
   * @param endpoint the server
   * @param tag the prefix of the instance names, unique to the run
   * @param count how many instances
   * @param connections how many connections (requests in flight)
   */
  PostNewLoad(Endpoint endpoint, String tag, int count, int connections) {
    super(endpoint, 600_000);
    this.tag = tag;
    this.count = count;
    this.connectionCount = connections;
    this.latencies = new long[count];
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
              opened.forEach(connection -> connections.add(connection.result()));
              meter.start();
              for (HttpClientConnection connection : connections) {
                if (sent < count) {
                  send(connection);
                }
              }
            });
  }

  private void send(HttpClientConnection connection) {
    int i = sent++;
    long start = System.nanoTime();
    connection
        .request(HttpMethod.POST, Wire.httpUri(tag + "-" + i))
        .compose(request -> request.send())
        .compose(
            response ->
                response
                    .body()
                    .compose(
                        body ->
                            response.statusCode() == 200
                                ? Future.succeededFuture(body)
                                : Future.failedFuture("status " + response.statusCode())))
        .onComplete(
            (body, failure) -> {
              if (ended()) {
                return;
              }
              latencies[answered++] = System.nanoTime() - start;
              if (failure != null) {
                error("request failed: " + failure.getMessage());
              } else if (!body.toString().contains("\"count\":1")) {
                error("unexpected body: " + body);
              }
              if (sent < count) {
                send(connection);
              } else if (answered == count) {
                done();
              }
            });
  }

  private void done() {
    meter.stop();
    Latencies figures = new Latencies(latencies, meter.nanos());
    connections.forEach(HttpClientConnection::close);
    finish(
        meter
            .result("post-new", count, "creations/s")
            .put("p50Ms", figures.percentileMillis(50))
            .put("p99Ms", figures.percentileMillis(99))
            .put("connections", connectionCount));
  }

  @Override
  protected String progress() {
    return answered + " of " + count + " creations answered, " + sent + " sent";
  }
}
