package dev.agentbus.bench.gateway;

import dev.agentbus.bench.Latencies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle sockets: opens {@code count} sockets to {@code instances} instances, {@code concurrency}
 * connects at a time, waits for each one's state frame and holds them all open and silent until
 * {@link #release()}. Figure: sockets connected per second (the held sockets are what the server's
 * heap is measured with).
 */
final class IdleHold extends LoadRun {

  private final String tag;
  private final int count;
  private final int instances;
  private final int concurrency;
  private final long[] latencies;
  private final List<ClientSocket> held = new ArrayList<>();
  private int started;
  private int ready;

  /**
   * @param endpoint the server
   * @param tag the prefix of instance names and connection ids, unique to the run
   * @param count how many sockets
   * @param instances over how many instances
   * @param concurrency how many connects at a time
   */
  IdleHold(Endpoint endpoint, String tag, int count, int instances, int concurrency) {
    super(endpoint, 180_000);
    this.tag = tag;
    this.count = count;
    this.instances = instances;
    this.concurrency = concurrency;
    this.latencies = new long[count];
  }

  @Override
  protected void begin() {
    meter.start();
    for (int i = 0; i < Math.min(concurrency, count); i++) {
      next();
    }
  }

  private void next() {
    int i = started++;
    ClientSocket socket =
        ClientSocket.open(endpoint, tag + "-" + (i % instances), tag + "-pk" + i, this::error);
    held.add(socket);
    socket
        .ready()
        .onFailure(e -> fail("socket " + i + ": " + e.getMessage()))
        .onSuccess(
            opened -> {
              latencies[i] = socket.readyNanos();
              if (ended()) {
                return;
              }
              ready++;
              if (started < count) {
                next();
              } else if (ready == count) {
                meter.stop();
                Latencies figures = new Latencies(latencies, meter.nanos());
                finish(
                    meter
                        .result("idle-10k", count, "sockets/s")
                        .put("p50Ms", figures.percentileMillis(50))
                        .put("p99Ms", figures.percentileMillis(99))
                        .put("instances", instances)
                        .put("concurrency", concurrency));
              }
            });
  }

  /**
   * Closes every socket and waits for the closes; call on the client's event loop.
   *
   * @return {@code {"released":N,"seconds":S}}
   */
  Future<JsonObject> release() {
    long start = System.nanoTime();
    List<Future<Void>> closes = new ArrayList<>();
    for (ClientSocket socket : held) {
      closes.add(socket.close());
    }
    return Future.join(closes)
        .transform(
            all ->
                Future.succeededFuture(
                    new JsonObject()
                        .put("released", closes.size())
                        .put("seconds", (System.nanoTime() - start) / 1e9)));
  }

  @Override
  protected String progress() {
    return ready + " of " + count + " sockets ready, " + started + " started";
  }
}
