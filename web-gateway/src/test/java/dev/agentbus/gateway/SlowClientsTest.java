package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

/**
 * Clients too slow to send their request, or gone quiet between requests, lose their connection
 * after the gateway's timeouts, here 500 ms; open WebSockets and responses being written keep
 * theirs.
 */
class SlowClientsTest extends GatewayTestBase {

  private static final long TIMEOUT_MS = 500;
  private static final String STATE =
      "GET /agents/room-agent/slow/state HTTP/1.1\r\nHost: x\r\n\r\n";

  @Override
  GatewayOptions gatewayOptions() {
    return super.gatewayOptions()
        .setHeaderTimeoutMs(TIMEOUT_MS)
        .setBodyTimeoutMs(TIMEOUT_MS)
        .setKeepAliveTimeoutMs(TIMEOUT_MS)
        .setUpgradeTimeoutMs(TIMEOUT_MS);
  }

  /** A connection that sends nothing: its close proves a timeout's worth of time has passed. */
  private void awaitATimeout() {
    RawConnection.open(vertx, port).awaitClosed();
  }

  @Test
  void aRequestHeadSentOneByteAtATimeIsAnswered408AndClosed() {
    long start = System.nanoTime();
    RawConnection slow = RawConnection.open(vertx, port).trickle(STATE, 100).awaitClosed();
    assertTrue(slow.text().startsWith("HTTP/1.1 408 Request Timeout\r\n"), slow.text());
    assertTrue(slow.text().contains("connection: close"), slow.text());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= TIMEOUT_MS);
  }

  @Test
  void aConnectionThatSendsNothingIsClosedWithoutAnAnswer() {
    RawConnection silent = RawConnection.open(vertx, port).awaitClosed();
    assertEquals("", silent.text());
  }

  @Test
  void aBodyThatStopsComingIsAnswered408AndClosed() {
    RawConnection stalled =
        RawConnection.open(
                vertx,
                port,
                "POST /agents/room-agent/slow/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
                    + "only ten b")
            .awaitClosed();
    assertTrue(stalled.text().startsWith("HTTP/1.1 408 Request Timeout\r\n"), stalled.text());
  }

  @Test
  void aBodyThatKeepsComingIsReadPastTheBodyTimeout() {
    // ten bytes 100 ms apart: 1 s in all, never 500 ms of silence
    RawConnection steady =
        RawConnection.open(
                vertx,
                port,
                "POST /agents/room-agent/slow/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
            .trickle("0123456789", 100);
    assertEquals(200, steady.awaitStatus(), steady.text());
    assertTrue(steady.text().contains("\"body\":\"0123456789\""), steady.text());
  }

  @Test
  void aKeptAliveConnectionIsClosedWhenIdleAfterItsAnswer() {
    RawConnection idle = RawConnection.open(vertx, port, STATE);
    assertEquals(200, idle.awaitStatus());
    idle.awaitClosed();
    assertEquals(1, idle.text().split("HTTP/1.1 ", -1).length - 1, "one answer, no 408 after it");
  }

  @Test
  void pipelinedRequestsAreEachAnsweredThenTheIdleConnectionCloses() {
    RawConnection client = RawConnection.open(vertx, port, STATE + STATE + STATE);
    client.awaitClosed();
    assertEquals(3, client.text().split("HTTP/1.1 200", -1).length - 1, client.text());
  }

  @Test
  void anOpenWebSocketOutlivesEveryTimeout() {
    Client socket = new Client("/agents/room-agent/ws").ready();
    awaitATimeout();
    awaitATimeout();
    assertNull(socket.closeCode);
    assertEquals(1, socket.call("1", "increment", 1).getInteger("result"));
  }

  @Test
  void aResponseBeingWrittenOutlivesEveryTimeout() {
    RawConnection stream =
        RawConnection.open(
            vertx, port, "GET /agents/room-agent/slow/endless HTTP/1.1\r\nHost: x\r\n\r\n");
    stream.await(c -> c.text().contains("chunk 0"), "the first chunk");
    awaitATimeout();
    awaitATimeout();
    String sofar = stream.text();
    stream.await(c -> c.text().length() > sofar.length(), "more chunks");
    assertTrue(!stream.isClosed());
  }

  @Test
  void aWebSocketUpgradeTheHookDoesNotDecideIsAnswered503AndClosed() {
    gateway.beforeConnect((target, request) -> Promise.<Rejection>promise().future());
    RawConnection upgrade =
        RawConnection.open(
                vertx,
                port,
                "GET /agents/room-agent/undecided HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
            .awaitClosed();
    assertTrue(upgrade.text().startsWith("HTTP/1.1 503 Service Unavailable\r\n"), upgrade.text());
  }
}
