package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentRef;
import dev.agentbus.impl.AgentBusImpl;
import dev.agentbus.testkit.Eventually;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streams over WebSockets run at their client's pace: {@code send} waits while the socket's buffer
 * is full, and a client that goes away cancels the stream. A client that reads nothing while
 * broadcasts pile up is closed as too slow.
 */
class StreamFlowTest extends GatewayTestBase {

  private static final int STREAM_BUFFER = 16 * 1024;
  private static final int MAX_QUEUED = 256 * 1024;

  @Override
  GatewayOptions gatewayOptions() {
    return super.gatewayOptions().setStreamBufferBytes(STREAM_BUFFER).setMaxQueuedBytes(MAX_QUEUED);
  }

  private long sentSoFar(AgentRef room) throws Exception {
    // answered only while the stream waits: a producer that never waits holds the instance
    return room.call(Long.class, "sentSoFar").await(10, TimeUnit.SECONDS);
  }

  @Test
  void aStreamWaitsForAClientThatReadsNothingThenGoesOnWithNothingLost() throws Exception {
    Client client = new Client("/agents/room-agent/slow").ready();
    client.socket.pause();
    client.sendRpc("s", "countForever");
    AgentRef room = agents.get("room-agent", "slow");

    // each answer comes while the stream waits; it goes on as the kernel's socket buffers take
    // more (a few MB on loopback), and then stays put
    long sent = sentSoFar(room);
    for (long again = sentSoFar(room); again != sent; again = sentSoFar(room)) {
      sent = again;
      assertTrue(sent < 200_000, "the stream went on while nobody read: " + sent + " chunks");
    }

    client.socket.resume();
    for (long i = 0; i <= sent + 10_000; i++) {
      JsonObject chunk = client.next();
      assertEquals(i, chunk.getLong("result"), "chunks in order, none lost");
      assertEquals(false, chunk.getBoolean("done"));
    }
    client.close();
    RoomAgent.awaitEvent(e -> e.equals("countForever cancelled: The connection closed"));
  }

  @Test
  void aClientThatGoesAwayWhileTheStreamWaitsCancelsIt() throws Exception {
    Client client = new Client("/agents/room-agent/gone").ready();
    client.socket.pause();
    client.sendRpc("s", "countForever");
    sentSoFar(agents.get("room-agent", "gone")); // the stream waits
    client.socket.close();
    RoomAgent.awaitEvent(e -> e.equals("countForever cancelled: The connection closed"));
    client.socket.resume(); // so that it reads the server's close frame, behind what was queued
    // the call's turn has ended: the instance can hibernate
    assertEquals(1, agents.liveInstances());
    Eventually.eventually(
        () -> {
          ((AgentBusImpl) agents).hibernateIdle().await();
          assertEquals(0, agents.liveInstances(), "the instance hibernates once idle");
        });
  }

  @Test
  void aStreamFedByATimerSeesItsClientLeave() {
    Client client = new Client("/agents/room-agent/ticks").ready();
    client.sendRpc("t", "tick");
    assertEquals("tick", client.next().getString("result"));
    client.close();
    RoomAgent.awaitEvent(e -> e.equals("tick cancelled"));
  }

  @Test
  void aClientThatReadsNothingWhileBroadcastsPileUpIsClosedAsTooSlow() {
    Client slow = new Client("/agents/room-agent/loud").ready();
    slow.socket.pause();
    AgentRef room = agents.get("room-agent", "loud");
    for (int round = 0;
        round < 200 && RoomAgent.EVENTS.stream().noneMatch(e -> e.startsWith("close "));
        round++) {
      room.call("shoutMany", 64 * 1024, 16).await(); // 1 MiB a round
    }
    RoomAgent.awaitEvent(e -> e.startsWith("close ") && e.endsWith(" 1008"));
  }
}
