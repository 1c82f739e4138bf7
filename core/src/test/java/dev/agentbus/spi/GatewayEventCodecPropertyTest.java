package dev.agentbus.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Any frame a socket can carry comes out of the wire form as it went in. */
class GatewayEventCodecPropertyTest {

  final GatewayEventCodec codec = new GatewayEventCodec();

  /**
   * Text a WebSocket text frame can carry: any Unicode scalar values (no lone surrogates), mostly
   * ASCII with control characters, accents, CJK and astral characters mixed in.
   */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<Integer> codePoints =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0, 0x7F)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
            Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
            Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
    return codePoints
        .list()
        .ofMaxSize(80)
        .map(
            list -> {
              StringBuilder text = new StringBuilder();
              list.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  @Provide
  Arbitrary<Set<String>> tags() {
    return texts().set().ofMaxSize(4);
  }

  GatewayEvent overTheWire(GatewayEvent event, int offset) {
    Buffer wire = Buffer.buffer(new byte[offset]);
    codec.encodeToWire(wire, event);
    wire.appendString("after");
    return codec.decodeFromWire(offset, wire);
  }

  static GatewayEventCodecTest.SocketConnection connection(
      String id, Set<String> tags, boolean readonly, boolean protocol) {
    GatewayEventCodecTest.SocketConnection connection =
        new GatewayEventCodecTest.SocketConnection("key-" + id, id);
    connection.setTags(tags);
    connection.setReadonly(readonly);
    connection.setProtocolEnabled(protocol);
    connection.setState(id.isEmpty() ? null : new JsonObject().put("id", id));
    return connection;
  }

  @Property(tries = 300)
  void anyTextFrameSurvivesTheWire(
      @ForAll("texts") String text,
      @ForAll("texts") String id,
      @ForAll("tags") Set<String> tags,
      @ForAll boolean readonly,
      @ForAll boolean protocol,
      @ForAll @IntRange(max = 64) int offset) {
    HubConnection sent = connection(id, tags, readonly, protocol);
    GatewayEvent.Frame received =
        (GatewayEvent.Frame) overTheWire(new GatewayEvent.Frame(sent, text), offset);
    assertEquals(text, received.data());
    GatewayEventCodecTest.assertSameConnection(sent, received.connection());
  }

  @Property(tries = 300)
  void anyBinaryFrameSurvivesTheWire(
      @ForAll @Size(max = 512) byte[] bytes,
      @ForAll("texts") String id,
      @ForAll @IntRange(max = 64) int offset) {
    HubConnection sent = connection(id, Set.of(), false, true);
    GatewayEvent.Frame received =
        (GatewayEvent.Frame)
            overTheWire(new GatewayEvent.Frame(sent, Buffer.buffer(bytes)), offset);
    assertArrayEquals(bytes, ((Buffer) received.data()).getBytes());
    GatewayEventCodecTest.assertSameConnection(sent, received.connection());
  }

  @Property(tries = 100)
  void anyCloseSurvivesTheWire(
      @ForAll @IntRange(min = 1000, max = 4999) int code,
      @ForAll("texts") String reason,
      @ForAll boolean wasClean) {
    HubConnection sent = connection("c", Set.of("t"), true, false);
    GatewayEvent.Close received =
        (GatewayEvent.Close) overTheWire(new GatewayEvent.Close(sent, code, reason, wasClean), 0);
    assertEquals(
        List.of(code, reason, wasClean),
        List.of(received.code(), received.reason(), received.wasClean()));
  }
}
