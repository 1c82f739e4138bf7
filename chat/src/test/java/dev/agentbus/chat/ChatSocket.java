package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's WebSocket to a chat instance: it queues the text frames it receives, in order. */
final class ChatSocket {

  final WebSocket ws;
  final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final HttpClient http;
  private final int port;
  private final String path;
  JsonObject lastTerminal;

  /**
   * Connects and waits for the protocol frames (identity, state, MCP).
   *
   * @param uri e.g. {@code /agents/echo-chat-agent/room?_pk=alice}
   */
  ChatSocket(WebSocketClient client, HttpClient http, int port, String uri) {
    this.http = http;
    this.port = port;
    this.path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    ws =
        client
            .connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1").setURI(uri))
            .map(
                socket -> {
                  socket.textMessageHandler(received::add);
                  return socket;
                })
            .await();
    next("cf_agent_mcp_servers");
  }

  void send(String text) {
    ws.writeTextMessage(text).await();
  }

  void send(JsonObject frame) {
    send(frame.encode());
  }

  void close() {
    ws.close().await();
  }

  /** {@return the next frame; fails after 5 s without one} */
  JsonObject next() {
    try {
      String text = received.poll(5, TimeUnit.SECONDS);
      if (text == null) {
        throw new AssertionError("nothing received within 5 s");
      }
      return new JsonObject(text);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** {@return the next frame of a type, skipping others} */
  JsonObject next(String type) {
    return next(frame -> type.equals(frame.getString("type")), type);
  }

  /** {@return the next frame that matches, skipping others} */
  JsonObject next(Predicate<JsonObject> wanted, String what) {
    for (int i = 0; i < 10_000; i++) {
      JsonObject frame = next();
      if (wanted.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no " + what + " frame");
  }

  /** {@return whether nothing arrives within a short while} */
  boolean quietFor(long ms) {
    try {
      String text = received.poll(ms, TimeUnit.MILLISECONDS);
      if (text != null) {
        throw new AssertionError("unexpected frame: " + text);
      }
      return true;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The chunk frames of a turn, up to its terminal frame (kept in {@link #lastTerminal}). */
  List<JsonObject> chunksUntilTerminal(String id) {
    List<JsonObject> chunks = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      JsonObject frame = next();
      if ("cf_agent_use_chat_response".equals(frame.getString("type"))) {
        assertEquals(id, frame.getString("id"), "a frame of another turn: " + frame);
        if (frame.getBoolean("done")) {
          lastTerminal = frame;
          return chunks;
        }
        if (!Boolean.TRUE.equals(frame.getBoolean("error"))) {
          chunks.add(frame);
        }
      }
    }
    throw new AssertionError("no terminal frame");
  }

  /** {@return the instance's transcript, from {@code GET .../get-messages}} */
  JsonArray messages() {
    return http.request(HttpMethod.GET, port, "127.0.0.1", path + "/get-messages")
        .compose(req -> req.send())
        .compose(resp -> resp.body())
        .await()
        .toJsonArray();
  }

  /** {@return the text of the text-delta chunks among chunk frames, joined} */
  static String text(List<JsonObject> chunkFrames) {
    StringBuilder text = new StringBuilder();
    for (JsonObject frame : chunkFrames) {
      JsonObject chunk = new JsonObject(frame.getString("body"));
      if ("text-delta".equals(chunk.getString("type"))) {
        text.append(chunk.getString("delta"));
      }
    }
    return text.toString();
  }

  /** {@return the chunk types of chunk frames} */
  static List<String> types(List<JsonObject> chunkFrames) {
    List<String> types = new ArrayList<>();
    for (JsonObject frame : chunkFrames) {
      types.add(new JsonObject(frame.getString("body")).getString("type"));
    }
    return types;
  }

  static JsonObject userMessage(String id, String text) {
    return new JsonObject()
        .put("id", id)
        .put("role", "user")
        .put("parts", new JsonArray().add(new JsonObject().put("type", "text").put("text", text)));
  }

  static String request(String id, JsonArray messages) {
    return request(id, messages, new JsonObject());
  }

  /** A chat request; {@code body} adds its keys (e.g. {@code clientTools}) to the body. */
  static String request(String id, JsonArray messages, JsonObject body) {
    JsonObject all = body.copy().put("messages", messages).put("trigger", "submit-message");
    return new JsonObject()
        .put("type", "cf_agent_use_chat_request")
        .put("id", id)
        .put("init", new JsonObject().put("method", "POST").put("body", all.encode()))
        .encode();
  }
}
