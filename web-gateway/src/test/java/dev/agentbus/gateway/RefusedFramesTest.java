package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Frames RFC 6455 forbids are answered with a close frame that says why (section 7.4.1), not with a
 * dropped connection.
 */
class RefusedFramesTest extends GatewayTestBase {

  private RawWebSocket open() throws IOException {
    RawWebSocket socket = RawWebSocket.connect(port, "/agents/room-agent/refused");
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(RawWebSocket.Text.class, socket.next(Duration.ofSeconds(5)));
    }
    return socket;
  }

  private static void assertClosedWith(int code, RawWebSocket socket) {
    RawWebSocket.Received received = socket.next(Duration.ofSeconds(5));
    assertEquals(code, assertInstanceOf(RawWebSocket.Close.class, received).code());
    assertInstanceOf(RawWebSocket.Ended.class, socket.next(Duration.ofSeconds(5)));
  }

  @Test
  void aFrameWithReservedBitsSetIsAnsweredWith1002() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.frame(RawWebSocket.TEXT, true, 0b100, true, "hi".getBytes(StandardCharsets.UTF_8));
      assertClosedWith(1002, socket);
    }
  }

  @Test
  void aFrameWithAReservedOpcodeIsAnsweredWith1002() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.frame(0x3, true, 0, true, new byte[] {1});
      assertClosedWith(1002, socket);
    }
  }

  @Test
  void aCloseFrameWithAReservedCodeIsAnsweredWith1002() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.frame(RawWebSocket.CLOSE, true, 0, true, new byte[] {0x03, (byte) 0xED}); // 1005
      assertClosedWith(1002, socket);
    }
  }

  @Test
  void aCloseReasonThatIsNotUtf8IsAnsweredWith1007() throws IOException {
    try (RawWebSocket socket = open()) {
      socket.frame(
          RawWebSocket.CLOSE, true, 0, true, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28});
      assertClosedWith(1007, socket);
    }
  }
}
