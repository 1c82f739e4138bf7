package dev.agentbus.bench.chat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A client WebSocket on one chat instance that reads every frame: it sends chat requests and
 * tallies each turn's response frames ({@link Turn}), and hands the resume frames to whoever waits
 * for them. Frames are read on the socket's event loop.
 */
final class ChatSocket {

  static final String AGENT_PATH = "/agents/bench-chat-agent/";
  private static final String RESPONSE = "cf_agent_use_chat_response";

  private final ClientWebSocket socket;
  private final Map<String, Turn> turns = new ConcurrentHashMap<>();
  private final Consumer<JsonObject> resumeFrames;

  /** A turn's frames as this socket reads them. */
  static final class Turn {
    final String id;
    final ChunkTally tally;
    final Promise<Turn> done = Promise.promise();
    volatile long sentNanos;
    volatile long replayCompleteNanos;
    volatile int replayedFrames;
    volatile long endNanos;
    volatile boolean error;
    volatile String errorText;

    Turn(String id, int expectedDeltas) {
      this.id = id;
      this.tally = new ChunkTally(expectedDeltas);
    }

    /** {@return request sent → terminal frame read, in nanoseconds} */
    long durationNanos() {
      return endNanos - sentNanos;
    }
  }

  private ChatSocket(ClientWebSocket socket, Consumer<JsonObject> resumeFrames) {
    this.socket = socket;
    this.resumeFrames = resumeFrames;
  }

  /**
   * Opens a socket on {@code /agents/bench-chat-agent/{name}}.
   *
   * @param client the WebSocket client
   * @param port the server's port on 127.0.0.1
   * @param name the instance
   * @param resumeFrames gets the resume frames ({@code cf_agent_stream_*}), from the first one, on
   *     the event loop
   * @return the socket once connected
   */
  static Future<ChatSocket> open(
      WebSocketClient client, int port, String name, Consumer<JsonObject> resumeFrames) {
    ChatSocket chat = new ChatSocket(client.webSocket(), resumeFrames);
    chat.socket.textMessageHandler(chat::frame);
    return chat.socket
        .connect(
            new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(AGENT_PATH + name))
        .map(v -> chat);
  }

  /**
   * Sends a chat request with one new user message, the fake model's directive.
   *
   * @param id the request id
   * @param directive the message's text ({@link FakeModel#directive})
   * @param expectedDeltas how many deltas the directive asks for
   * @return the turn; its {@code done} completes with the terminal frame
   */
  Turn send(String id, String directive, int expectedDeltas) {
    Turn turn = watch(id, expectedDeltas);
    JsonObject message =
        new JsonObject()
            .put("id", "u-" + id)
            .put("role", "user")
            .put(
                "parts",
                new JsonArray().add(new JsonObject().put("type", "text").put("text", directive)));
    JsonObject body =
        new JsonObject()
            .put("messages", new JsonArray().add(message))
            .put("trigger", "submit-message");
    String frame =
        new JsonObject()
            .put("type", "cf_agent_use_chat_request")
            .put("id", id)
            .put("init", new JsonObject().put("method", "POST").put("body", body.encode()))
            .encode();
    turn.sentNanos = System.nanoTime();
    socket.writeTextMessage(frame);
    return turn;
  }

  /**
   * Tallies the frames of a turn this socket did not send (a resumed one).
   *
   * @param id the request id
   * @param expectedDeltas how many deltas it has
   * @return the turn
   */
  Turn watch(String id, int expectedDeltas) {
    Turn turn = new Turn(id, expectedDeltas);
    turns.put(id, turn);
    return turn;
  }

  /**
   * Sends a frame as it is.
   *
   * @param frame the JSON frame
   */
  void write(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  /** Closes the socket. */
  Future<Void> close() {
    return socket.close();
  }

  private void frame(String text) {
    long now = System.nanoTime();
    if (!text.startsWith("{\"type\":\"" + RESPONSE)) {
      if (text.contains("cf_agent_stream_")) {
        resumeFrames.accept(new JsonObject(text));
      }
      return; // identity, state, transcript
    }
    JsonObject frame = new JsonObject(text);
    Turn turn = turns.get(frame.getString("id"));
    if (turn == null) {
      return;
    }
    if (frame.getBoolean("replayComplete", false)) {
      turn.replayCompleteNanos = now;
    } else if (frame.getBoolean("done", false)) {
      turn.endNanos = now;
      turns.remove(turn.id);
      turn.done.tryComplete(turn);
    } else if (frame.getBoolean("error", false)) {
      turn.error = true;
      turn.errorText = frame.getString("body");
    } else {
      boolean replay = frame.getBoolean("replay", false);
      if (replay) {
        turn.replayedFrames++;
      }
      String body = frame.getString("body");
      int delta = -1;
      long sent = 0;
      if (body.contains("\"text-delta\"")) {
        int open = body.indexOf('[');
        int at = body.indexOf('@', open);
        int close = body.indexOf(']', at);
        delta = Integer.parseInt(body, open + 1, at, 10);
        sent = Long.parseLong(body, at + 1, close, 10);
      }
      turn.tally.chunk(frame.getLong("seq"), delta, sent, replay ? 0 : now);
    }
  }
}
