package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a WebSocket client sends beyond the protocol's limits gets its close frame, with the code
 * RFC 6455 gives it, read on a raw connection that tells a close frame from a dropped one (1006).
 */
class WebSocketLimitsTest extends GatewayTestBase {

  static Stream<Arguments> oversizedSingleFrames() {
    int mib = 1024 * 1024;
    return Stream.of(mib + 1, 1_100_000, 2_000_000)
        .flatMap(
            size ->
                Stream.of(
                    Arguments.of(RawConnectionWebSocket.TEXT, size),
                    Arguments.of(RawConnectionWebSocket.BINARY, size)));
  }

  @ParameterizedTest(name = "opcode {0}, {1} bytes")
  @MethodSource("oversizedSingleFrames")
  void aMessageOverTheLimitInOneFrameGetsA1009CloseFrameThenTheConnectionCloses(
      int opcode, int size) {
    RawConnectionWebSocket socket =
        RawConnectionWebSocket.open(vertx, port, "/agents/room-agent/big?_pk=big");
    byte[] payload = new byte[size];
    Arrays.fill(payload, (byte) 'x');
    socket.send(opcode, true, payload);
    assertEquals(1009, socket.awaitCloseCode());
    socket.connection().awaitClosed();
    assertEquals("close big 1009", RoomAgent.awaitEvent(e -> e.startsWith("close big")));
    assertTrue(
        RoomAgent.EVENTS.stream().noneMatch(e -> e.startsWith("message")),
        "the message never reached the agent");
  }

  @Test
  void aMessageOfExactlyTheLimitInOneFramePasses() {
    RawConnectionWebSocket socket =
        RawConnectionWebSocket.open(vertx, port, "/agents/room-agent/max");
    socket.send(
        RawConnectionWebSocket.BINARY, true, new byte[GatewayDefaults.DEFAULT_MAX_MESSAGE_BYTES]);
    assertEquals(
        "echo:binary:" + GatewayDefaults.DEFAULT_MAX_MESSAGE_BYTES,
        socket.awaitText("echo:binary"));
    socket.close();
  }

  @Test
  void invalidUtf8InATextFrameGetsA1007CloseFrameAndIsNotProcessed() {
    RawConnectionWebSocket socket =
        RawConnectionWebSocket.open(vertx, port, "/agents/room-agent/utf?_pk=bad");
    byte[] invalid = {'h', 'i', (byte) 0xC3, '(', (byte) 0xFF};
    socket.sendText(invalid);
    assertEquals(1007, socket.awaitCloseCode());
    socket.connection().awaitClosed();
    assertEquals("close bad 1007", RoomAgent.awaitEvent(e -> e.startsWith("close bad")));
    assertTrue(RoomAgent.EVENTS.stream().noneMatch(e -> e.startsWith("message")));
  }

  @Test
  void invalidUtf8SplitAcrossFragmentsGetsA1007CloseFrame() {
    RawConnectionWebSocket socket =
        RawConnectionWebSocket.open(vertx, port, "/agents/room-agent/utf");
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8); // three bytes
    socket.send(RawConnectionWebSocket.TEXT, false, new byte[] {'a', euro[0]});
    socket.send(RawConnectionWebSocket.CONTINUATION, true, new byte[] {euro[1], 'b'});
    assertEquals(1007, socket.awaitCloseCode());
    socket.connection().awaitClosed();
  }

  @Test
  void validUtf8IsProcessedWholeEvenSplitInsideACharacterOrHoldingTheReplacementCharacter() {
    RawConnectionWebSocket socket =
        RawConnectionWebSocket.open(vertx, port, "/agents/room-agent/utf");
    byte[] text = "\u20ac and \ufffd".getBytes(StandardCharsets.UTF_8);
    socket.send(RawConnectionWebSocket.TEXT, false, Arrays.copyOfRange(text, 0, 1));
    socket.send(
        RawConnectionWebSocket.CONTINUATION, true, Arrays.copyOfRange(text, 1, text.length));
    assertEquals("echo:\u20ac and \ufffd", socket.awaitText("echo:"));
    socket.close();
  }
}
