package dev.agentbus.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.ConnectionContext;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wire form of gateway events: every field survives {@code encodeToWire} → {@code
 * decodeFromWire}, local delivery keeps the object itself, and a decoded connection cannot be
 * written to before clustering routes answers.
 */
@ExtendWith(VertxExtension.class)
class GatewayEventCodecTest {

  final GatewayEventCodec codec = new GatewayEventCodec();

  /** A connection as a gateway on this node holds it. */
  static final class SocketConnection extends HubConnectionBase {

    SocketConnection(String key, String id) {
      super(key, id);
    }

    @Override
    public void send(String text) {}

    @Override
    public void send(Buffer data) {}

    @Override
    public void close(int code, String reason) {}

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void frameProcessed() {}
  }

  static SocketConnection socket() {
    SocketConnection connection = new SocketConnection("socket-17", "client-é");
    connection.setState(
        new JsonObject()
            .put("path", "/sub/päth")
            .put("seen", new JsonArray().add(1).add("two").addNull()));
    connection.setTags(Set.of("blue", "vip", "日本"));
    connection.setReadonly(true);
    connection.setProtocolEnabled(false);
    return connection;
  }

  /**
   * Encodes as a clustered event bus does (the body after the message's own header bytes, other
   * bytes after it) and decodes from that position.
   */
  GatewayEvent overTheWire(GatewayEvent event) {
    Buffer wire = Buffer.buffer().appendString("headers before the body").appendByte((byte) 0);
    int pos = wire.length();
    codec.encodeToWire(wire, event);
    wire.appendString("the next message");
    return codec.decodeFromWire(pos, wire);
  }

  static void assertSameConnection(HubConnection sent, HubConnection received) {
    RemoteConnection remote = assertInstanceOf(RemoteConnection.class, received);
    assertEquals(sent.key(), remote.key());
    assertEquals(sent.id(), remote.id());
    assertEquals(sent.isReadonly(), remote.isReadonly());
    assertEquals(sent.isProtocolEnabled(), remote.isProtocolEnabled());
    assertEquals(sent.tags(), remote.tags());
    assertEquals(sent.state(), remote.state());
  }

  static List<Map.Entry<String, String>> entries(MultiMap headers) {
    return headers.entries().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  static MultiMap headers() {
    return MultiMap.caseInsensitiveMultiMap()
        .add("Host", "example.org")
        .add("Cookie", "a=1")
        .add("X-Name", "Zoë")
        .add("Cookie", "b=2");
  }

  @Test
  void aConnectEventKeepsItsConnectionSubPathQueryAndRepeatedHeaders() {
    SocketConnection socket = socket();
    GatewayEvent.Connect sent =
        new GatewayEvent.Connect(
            socket, new ConnectionContext("/rooms/ü/1", "_pk=x&tag=a&tag=b", headers()));

    GatewayEvent.Connect received = assertInstanceOf(GatewayEvent.Connect.class, overTheWire(sent));

    assertSameConnection(socket, received.connection());
    assertEquals("/rooms/ü/1", received.context().subPath());
    assertEquals("_pk=x&tag=a&tag=b", received.context().query());
    assertEquals(entries(headers()), entries(received.context().headers()));
    assertEquals(List.of("a=1", "b=2"), received.context().headers().getAll("cookie"));
  }

  @Test
  void aConnectionWithDefaultSettingsNoTagsAndNoStateSurvives() {
    SocketConnection plain = new SocketConnection("k", "id");
    GatewayEvent.Connect received =
        (GatewayEvent.Connect)
            overTheWire(
                new GatewayEvent.Connect(
                    plain, new ConnectionContext("", "", MultiMap.caseInsensitiveMultiMap())));
    assertSameConnection(plain, received.connection());
    assertNull(received.connection().state());
    assertEquals(Set.of(), received.connection().tags());
    assertFalse(received.connection().isReadonly());
    assertTrue(received.connection().isProtocolEnabled());
    assertTrue(received.context().headers().isEmpty());
  }

  @Test
  void textFramesKeepEveryCharacterIncludingNoneAtAll() {
    SocketConnection socket = socket();
    for (String text :
        List.of(
            "",
            "plain",
            "{\"type\":\"rpc\",\"id\":\"1\",\"method\":\"echo\",\"args\":[\"\\\"q\\\"\"]}",
            "héllo wörld — 日本語 🚀",
            "nul\u0000 tab\t newline\n backslash\\ quote\"")) {
      GatewayEvent.Frame received =
          assertInstanceOf(
              GatewayEvent.Frame.class, overTheWire(new GatewayEvent.Frame(socket, text)));
      assertEquals(text, assertInstanceOf(String.class, received.data()));
      assertSameConnection(socket, received.connection());
    }
  }

  @Test
  void binaryFramesKeepEveryByteIncludingNoneAtAll() {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, (byte) 0x80};
    byte[] utf8Text = "日本 🚀".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    SocketConnection socket = socket();
    for (byte[] bytes : List.of(new byte[0], everyByte, notUtf8, utf8Text)) {
      GatewayEvent.Frame received =
          (GatewayEvent.Frame) overTheWire(new GatewayEvent.Frame(socket, Buffer.buffer(bytes)));
      Buffer data = assertInstanceOf(Buffer.class, received.data(), "binary stays binary");
      assertArrayEquals(bytes, data.getBytes());
      assertSameConnection(socket, received.connection());
    }
  }

  @Test
  void aCloseEventKeepsItsCodeReasonAndCleanness() {
    SocketConnection socket = socket();
    GatewayEvent.Close dirty =
        (GatewayEvent.Close) overTheWire(new GatewayEvent.Close(socket, 1006, "", false));
    assertEquals(1006, dirty.code());
    assertEquals("", dirty.reason());
    assertFalse(dirty.wasClean());
    assertSameConnection(socket, dirty.connection());

    GatewayEvent.Close clean =
        (GatewayEvent.Close)
            overTheWire(new GatewayEvent.Close(socket, 4000, "au revoir — さようなら", true));
    assertEquals(4000, clean.code());
    assertEquals("au revoir — さようなら", clean.reason());
    assertTrue(clean.wasClean());
  }

  @Test
  void anHttpEventKeepsMethodSubPathQueryHeadersAndBodyBytes() {
    byte[] body = {0, (byte) 0xFF, 'h', 'i', (byte) 0xE2, (byte) 0x82, (byte) 0xAC};
    AgentRequest request =
        new AgentRequest("PATCH", "/items/ä/7", "x=1&x=2&y=", headers(), Buffer.buffer(body));
    GatewayEvent.Http received =
        assertInstanceOf(
            GatewayEvent.Http.class,
            overTheWire(new GatewayEvent.Http(new HttpExchange(request, null))));
    AgentRequest decoded = received.exchange().request();
    assertEquals("PATCH", decoded.method());
    assertEquals("/items/ä/7", decoded.subPath());
    assertEquals("x=1&x=2&y=", decoded.query());
    assertEquals(entries(headers()), entries(decoded.headers()));
    assertArrayEquals(body, decoded.body().getBytes());

    AgentRequest empty =
        new AgentRequest("GET", "", "", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
    AgentRequest emptyDecoded =
        ((GatewayEvent.Http) overTheWire(new GatewayEvent.Http(new HttpExchange(empty, null))))
            .exchange()
            .request();
    assertEquals(0, emptyDecoded.body().length());
    assertEquals("", emptyDecoded.subPath());
    assertTrue(emptyDecoded.headers().isEmpty());
  }

  @Test
  void localDeliveryHandsOverTheEventObjectItself(Vertx vertx) {
    SocketConnection socket = socket();
    List<GatewayEvent> events =
        List.of(
            new GatewayEvent.Connect(
                socket, new ConnectionContext("/", "", MultiMap.caseInsensitiveMultiMap())),
            new GatewayEvent.Frame(socket, "hi"),
            new GatewayEvent.Close(socket, 1000, "", true),
            new GatewayEvent.Http(
                new HttpExchange(
                    new AgentRequest(
                        "GET", "/", "", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer()),
                    null)));
    for (GatewayEvent event : events) {
      assertSame(event, codec.transform(event));
    }

    vertx.eventBus().registerCodec(codec);
    try {
      vertx
          .eventBus()
          .<GatewayEvent>consumer(
              "codec-test",
              message ->
                  message.reply(
                      message.body(), new DeliveryOptions().setCodecName(GatewayEventCodec.NAME)))
          .completion()
          .await();
      for (GatewayEvent event : events) {
        Message<Object> reply =
            vertx
                .eventBus()
                .request(
                    "codec-test", event, new DeliveryOptions().setCodecName(GatewayEventCodec.NAME))
                .await();
        assertSame(event, reply.body(), "delivered (and answered) by reference, not copied");
      }
    } finally {
      vertx.eventBus().unregisterCodec(GatewayEventCodec.NAME);
    }
  }

  @Test
  void anUnknownEventKindIsRefusedWithItsName() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> GatewayEventCodec.fromJson(new JsonObject().put("event", "teleport")));
    assertEquals("Unknown gateway event 'teleport'", unknown.getMessage());

    Buffer wire = Buffer.buffer();
    Buffer json = new JsonObject().put("event", "teleport").toBuffer();
    wire.appendInt(json.length()).appendBuffer(json);
    assertEquals(
        "Unknown gateway event 'teleport'",
        assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, wire))
            .getMessage());

    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> GatewayEventCodec.fromJson(new JsonObject()))
            .getMessage()
            .startsWith("Unknown gateway event"));
  }

  @Test
  void writingToADecodedConnectionFailsUntilClusteringRoutesAnswers() {
    HubConnection remote =
        ((GatewayEvent.Frame) overTheWire(new GatewayEvent.Frame(socket(), "x"))).connection();
    for (Runnable write :
        List.<Runnable>of(
            () -> remote.send("answer"),
            () -> remote.send(Buffer.buffer("answer")),
            () -> remote.close(1000, "bye"))) {
      UnsupportedOperationException refused =
          assertThrows(UnsupportedOperationException.class, write::run);
      assertTrue(refused.getMessage().contains("clustering"), refused.getMessage());
    }

    HttpExchange.Responder answer =
        ((GatewayEvent.Http)
                overTheWire(
                    new GatewayEvent.Http(
                        new HttpExchange(
                            new AgentRequest(
                                "GET",
                                "/",
                                "",
                                MultiMap.caseInsensitiveMultiMap(),
                                Buffer.buffer()),
                            null))))
            .exchange()
            .responder();
    UnsupportedOperationException refused =
        assertThrows(
            UnsupportedOperationException.class, () -> answer.respond(AgentResponse.notFound()));
    assertTrue(refused.getMessage().contains("clustering"), refused.getMessage());
  }
}
