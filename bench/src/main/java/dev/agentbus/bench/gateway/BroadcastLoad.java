package dev.agentbus.bench.gateway;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * State broadcast: {@code listeners} sockets and one caller socket on the same instance; the caller
 * calls {@code increment(1)}, {@code inFlight} calls outstanding at a time, and every other socket
 * receives each new state. Figure: state frames received by the listeners per second, from the
 * first call to the last frame.
 */
final class BroadcastLoad extends LoadRun {

  private final String name;
  private final String tag;
  private final int increments;
  private final int listeners;
  private final int inFlight;
  private final long expected;
  private final List<ClientSocket> sockets = new ArrayList<>();
  private ClientSocket caller;
  private int sent;
  private int answered;
  private long delivered;

  /**
   * @param endpoint the server
   * @param name the instance name (fresh for each run)
   * @param tag a prefix for connection ids
   * @param increments how many calls
   * @param listeners how many other sockets
   * @param inFlight how many calls outstanding at a time
   */
  BroadcastLoad(
      Endpoint endpoint, String name, String tag, int increments, int listeners, int inFlight) {
    super(endpoint, 120_000);
    this.name = name;
    this.tag = tag;
    this.increments = increments;
    this.listeners = listeners;
    this.inFlight = inFlight;
    this.expected = (long) increments * listeners;
  }

  @Override
  protected void begin() {
    List<Future<Void>> ready = new ArrayList<>();
    for (int i = 0; i < listeners; i++) {
      ClientSocket listener = ClientSocket.open(endpoint, name, tag + "-l" + i, this::error);
      listener.onFrame(this::delivery);
      sockets.add(listener);
      ready.add(listener.ready());
    }
    Future.all(ready)
        .compose(
            all -> {
              caller = ClientSocket.open(endpoint, name, tag + "-caller", this::error);
              caller.onFrame(this::answer);
              sockets.add(caller);
              return caller.ready();
            })
        .onFailure(e -> fail(e.getMessage()))
        .onSuccess(
            all -> {
              meter.start();
              for (int i = 0; i < Math.min(inFlight, increments); i++) {
                caller.send(Wire.increment(sent++));
              }
            });
  }

  private void delivery(String text) {
    if (!Wire.isState(text) || ended()) {
      return; // cf_agent_mcp_servers
    }
    if (++delivered == 1) {
      String problem = Wire.checkState(text);
      if (problem != null) {
        error(problem);
      }
    }
    if (delivered > expected) {
      error("more state frames than increments times listeners");
    }
    maybeDone();
  }

  private void answer(String text) {
    int id = Wire.rpcId(text);
    if (id < 0 || ended()) {
      return; // cf_agent_mcp_servers, or the caller's own state if a server sends it
    }
    answered++;
    if (answered == 1) {
      String problem = Wire.checkRpcAnswer(text, id, null);
      if (problem != null) {
        error(problem);
      }
    } else if (!Wire.success(text)) {
      error("increment failed: " + text);
    }
    if (sent < increments) {
      caller.send(Wire.increment(sent++));
    }
    maybeDone();
  }

  private void maybeDone() {
    if (answered == increments && delivered >= expected) {
      meter.stop();
      sockets.forEach(ClientSocket::close);
      finish(
          meter
              .result("broadcast", delivered, "deliveries/s")
              .put("increments", increments)
              .put("listeners", listeners)
              .put("inFlight", inFlight));
    }
  }

  @Override
  protected String progress() {
    return answered
        + " of "
        + increments
        + " increments answered, "
        + delivered
        + " of "
        + expected
        + " state frames delivered";
  }
}
