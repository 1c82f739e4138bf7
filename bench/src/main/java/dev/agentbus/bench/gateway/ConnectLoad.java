package dev.agentbus.bench.gateway;

import dev.agentbus.bench.Latencies;

/**
 * New instances via WebSocket: {@code concurrency} at a time, open a socket to an instance name
 * never used before, wait for its state frame, close it (and wait for the close), and start the
 * next. Figures: new instances per second, and the time from the connect call to the state frame.
 */
final class ConnectLoad extends LoadRun {

  private final String tag;
  private final int count;
  private final int concurrency;
  private final long[] latencies;
  private int started;
  private int done;

  /**
   * @param endpoint the server
   * @param tag the prefix of the instance names, unique to the run
   * @param count how many instances
   * @param concurrency how many at a time
   */
  ConnectLoad(Endpoint endpoint, String tag, int count, int concurrency) {
    super(endpoint, 120_000);
    this.tag = tag;
    this.count = count;
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
    ClientSocket socket = ClientSocket.open(endpoint, tag + "-" + i, tag + "-pk" + i, this::error);
    socket
        .ready()
        .onFailure(e -> fail("instance " + i + ": " + e.getMessage()))
        .onSuccess(
            ready -> {
              latencies[i] = socket.readyNanos();
              socket.close().onComplete(closed -> closed());
            });
  }

  private void closed() {
    if (ended()) {
      return;
    }
    done++;
    if (started < count) {
      next();
    } else if (done == count) {
      meter.stop();
      Latencies figures = new Latencies(latencies, meter.nanos());
      finish(
          meter
              .result("connect-new", count, "instances/s")
              .put("p50Ms", figures.percentileMillis(50))
              .put("p99Ms", figures.percentileMillis(99))
              .put("concurrency", concurrency));
    }
  }

  @Override
  protected String progress() {
    return done + " of " + count + " instances done, " + started + " started";
  }
}
