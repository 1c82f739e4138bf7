package dev.agentbus.spi;

import dev.agentbus.AgentRequest;
import dev.agentbus.ConnectionContext;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The serialisable form of a {@link GatewayEvent}, for when an event must travel to an instance on
 * another node. On this node events travel by reference ({@link #transform} returns the event
 * itself); on the wire each is a JSON object:
 *
 * <pre>{@code
 * {"event":"connect","connection":{...},"subPath":"/x","query":"a=1","headers":[["Host","h"]]}
 * {"event":"frame","connection":{...},"text":"{\"type\":\"rpc\",...}"}   (or "binary": bytes)
 * {"event":"close","connection":{...},"code":1000,"reason":"","wasClean":true}
 * {"event":"http","method":"GET","subPath":"/x","query":"","headers":[...],"body":bytes}
 * }</pre>
 *
 * where {@code connection} is {@code {"key","id","readonly","protocol","tags","state"}}. A decoded
 * event's connection is a {@link RemoteConnection}: its identity and settings as the gateway saw
 * them. Writing back to a socket or answering an HTTP request across nodes is not built yet
 * (clustering will route answers to the gateway's node); the form of the events is fixed here so
 * that it can be.
 */
public final class GatewayEventCodec implements MessageCodec<GatewayEvent, GatewayEvent> {

  /** The codec's name on the event bus. */
  public static final String NAME = "agentbus.gateway-event";

  /** A codec; stateless, so one serves every event bus. */
  public GatewayEventCodec() {}

  @Override
  public void encodeToWire(Buffer buffer, GatewayEvent event) {
    Buffer json = toJson(event).toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public GatewayEvent decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public GatewayEvent transform(GatewayEvent event) {
    return event;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /**
   * {@return its wire form}
   *
   * @param event an event
   */
  public static JsonObject toJson(GatewayEvent event) {
    return switch (event) {
      case GatewayEvent.Connect connect ->
          new JsonObject()
              .put("event", "connect")
              .put("connection", connection(connect.connection()))
              .put("subPath", connect.context().subPath())
              .put("query", connect.context().query())
              .put("headers", headers(connect.context().headers()));
      case GatewayEvent.Frame frame -> {
        JsonObject json =
            new JsonObject()
                .put("event", "frame")
                .put("connection", connection(frame.connection()));
        yield frame.data() instanceof String text
            ? json.put("text", text)
            : json.put("binary", ((Buffer) frame.data()).getBytes());
      }
      case GatewayEvent.Close close ->
          new JsonObject()
              .put("event", "close")
              .put("connection", connection(close.connection()))
              .put("code", close.code())
              .put("reason", close.reason())
              .put("wasClean", close.wasClean());
      case GatewayEvent.Http http -> {
        AgentRequest request = http.exchange().request();
        yield new JsonObject()
            .put("event", "http")
            .put("method", request.method())
            .put("subPath", request.subPath())
            .put("query", request.query())
            .put("headers", headers(request.headers()))
            .put("body", request.body().getBytes());
      }
    };
  }

  /**
   * {@return the event, its connection a {@link RemoteConnection}}
   *
   * @param json an event's wire form
   * @throws IllegalArgumentException if the form is not one of the four events
   */
  public static GatewayEvent fromJson(JsonObject json) {
    String kind = json.getString("event", "");
    return switch (kind) {
      case "connect" ->
          new GatewayEvent.Connect(
              remote(json.getJsonObject("connection")),
              new ConnectionContext(
                  json.getString("subPath"),
                  json.getString("query"),
                  headers(json.getJsonArray("headers"))));
      case "frame" ->
          new GatewayEvent.Frame(
              remote(json.getJsonObject("connection")),
              json.containsKey("text")
                  ? json.getString("text")
                  : Buffer.buffer(json.getBinary("binary")));
      case "close" ->
          new GatewayEvent.Close(
              remote(json.getJsonObject("connection")),
              json.getInteger("code"),
              json.getString("reason"),
              json.getBoolean("wasClean"));
      case "http" ->
          new GatewayEvent.Http(
              new HttpExchange(
                  new AgentRequest(
                      json.getString("method"),
                      json.getString("subPath"),
                      json.getString("query"),
                      headers(json.getJsonArray("headers")),
                      Buffer.buffer(json.getBinary("body"))),
                  RemoteConnection.UNROUTED_ANSWER));
      default -> throw new IllegalArgumentException("Unknown gateway event '" + kind + "'");
    };
  }

  private static JsonObject connection(HubConnection connection) {
    return new JsonObject()
        .put("key", connection.key())
        .put("id", connection.id())
        .put("readonly", connection.isReadonly())
        .put("protocol", connection.isProtocolEnabled())
        .put("tags", new JsonArray(connection.tags().stream().sorted().toList()))
        .put("state", connection.state());
  }

  private static RemoteConnection remote(JsonObject json) {
    return new RemoteConnection(
        json.getString("key"),
        json.getString("id"),
        json.getBoolean("readonly", false),
        json.getBoolean("protocol", true),
        json.getJsonArray("tags", new JsonArray()),
        json.getValue("state"));
  }

  private static JsonArray headers(MultiMap headers) {
    JsonArray out = new JsonArray();
    for (Map.Entry<String, String> header : headers) {
      out.add(new JsonArray().add(header.getKey()).add(header.getValue()));
    }
    return out;
  }

  private static MultiMap headers(JsonArray json) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < json.size(); i++) {
      JsonArray header = json.getJsonArray(i);
      out.add(header.getString(0), header.getString(1));
    }
    return out;
  }
}
