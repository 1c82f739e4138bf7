package dev.agentbus.bench.gateway;

import dev.agentbus.bench.Latencies;

/**
 * RPC {@code echo} over one WebSocket, {@code inFlight} calls outstanding at a time (1: strictly
 * sequential). Figures: calls per second, and the latency of each call from its send to its answer
 * as the client sees them.
 */
final class EchoLoad extends LoadRun {

  private final String scenario;
  private final String name;
  private final String pk;
  private final int calls;
  private final int inFlight;
  private final long[] sentAt;
  private final long[] latencies;
  private ClientSocket socket;
  private int sent;
  private int answered;

  /**
   * @param endpoint the server
   * @param scenario the scenario's name, for the result
   * @param name the instance name
   * @param pk the connection id
   * @param calls how many calls
   * @param inFlight how many calls outstanding at a time
   */
  EchoLoad(Endpoint endpoint, String scenario, String name, String pk, int calls, int inFlight) {
    super(endpoint, 120_000);
    this.scenario = scenario;
    this.name = name;
    this.pk = pk;
    this.calls = calls;
    this.inFlight = inFlight;
    this.sentAt = new long[calls];
    this.latencies = new long[calls];
  }

  @Override
  protected void begin() {
    socket = ClientSocket.open(endpoint, name, pk, this::error);
    socket.onFrame(this::frame);
    socket
        .ready()
        .onFailure(e -> fail(e.getMessage()))
        .onSuccess(
            ready -> {
              meter.start();
              for (int i = 0; i < Math.min(inFlight, calls); i++) {
                send();
              }
            });
  }

  private void send() {
    int id = sent++;
    sentAt[id] = System.nanoTime();
    socket.send(Wire.echo(id));
  }

  private void frame(String text) {
    int id = Wire.rpcId(text);
    if (id < 0 || id >= sent || ended()) {
      return; // cf_agent_mcp_servers, or a late frame
    }
    latencies[answered++] = System.nanoTime() - sentAt[id];
    if (answered == 1) {
      String problem = Wire.checkRpcAnswer(text, id, Wire.ECHO_VALUE);
      if (problem != null) {
        error(problem);
      }
    } else if (!Wire.success(text)) {
      error("call failed: " + text);
    }
    if (sent < calls) {
      send();
    } else if (answered == calls) {
      meter.stop();
      Latencies figures = new Latencies(latencies, meter.nanos());
      socket.close();
      finish(
          meter
              .result(scenario, calls, "calls/s")
              .put("p50Ms", figures.percentileMillis(50))
              .put("p99Ms", figures.percentileMillis(99))
              .put("inFlight", inFlight));
    }
  }

  @Override
  protected String progress() {
    return answered + " of " + calls + " calls answered, " + sent + " sent";
  }
}
