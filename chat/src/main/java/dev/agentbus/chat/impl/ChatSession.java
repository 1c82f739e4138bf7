package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import dev.agentbus.Connection;
import dev.agentbus.chat.ChatReply;
import dev.agentbus.chat.ChatTurn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The chat of one instance: its transcript, chunk log and turns, and the reading of the chat frames
 * a socket sends (docs/protocol.md, "Chat"). A frame the chat cannot use is dropped with one DEBUG
 * line; a request whose {@code init.method} is not {@code POST}, a frame of another type, or a
 * message that is not a JSON object is not the chat's.
 */
public final class ChatSession {

  private static final System.Logger LOG = System.getLogger(ChatSession.class.getName());

  private final ChatTurns turns;
  private final ToolAnswers tools;

  /**
   * Opens the chat of an instance (a reply a restart interrupted is stored and offered).
   *
   * @param agent the chat agent
   * @param onChat what makes a turn's reply
   * @param quietTimeoutMs how long a reply may send nothing before it fails
   */
  public ChatSession(
      Agent<?> agent,
      Function<ChatTurn, ChatReply> onChat,
      java.util.function.LongSupplier quietTimeoutMs) {
    TranscriptStore transcript = new TranscriptStore(agent);
    this.turns = new ChatTurns(agent, transcript, new ChunkLog(agent), onChat, quietTimeoutMs);
    this.tools = new ToolAnswers(turns);
  }

  /** {@return the page's client tools, as the last request or tool result listed them} */
  public List<JsonObject> clientTools() {
    return turns.clientTools;
  }

  /** {@return the stored transcript, oldest first} */
  public List<JsonObject> messages() {
    return turns.transcript.messages();
  }

  /**
   * A socket connected: it is offered a stream to resume, if there is one.
   *
   * @param socket the socket
   */
  public void connected(Connection socket) {
    turns.resumes.connected(socket);
  }

  /** Cancels the turn running, if any, as a client's cancel would. */
  public void cancelRunning() {
    ChatTurns.Running running = turns.running();
    if (running != null) {
      turns.cancel(running.turn.requestId());
    }
  }

  /** The instance hibernates (at a shutdown): chunks not on disk are written, the model stops. */
  public void stop() {
    turns.stop();
  }

  /**
   * Handles a text message if it is a chat frame.
   *
   * @param socket the socket it came from
   * @param text the message
   * @return whether it was the chat's (handled or dropped); {@code false} for other messages
   */
  public boolean handle(Connection socket, String text) {
    if (!text.startsWith("{") || !text.contains("\"cf_agent_")) {
      return false;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (RuntimeException e) {
      return false;
    }
    String id = socket.id();
    switch (String.valueOf(frame.getValue("type"))) {
      case "cf_agent_use_chat_request" -> {
        if (frame.getValue("init") instanceof JsonObject init
            && !"POST".equals(init.getValue("method"))) {
          return false;
        }
        request(id, frame);
      }
      case "cf_agent_chat_messages" -> {
        List<JsonObject> messages = messages(frame.getValue("messages"));
        if (messages == null) {
          return dropped(frame);
        }
        turns.transcript.upsert(messages);
        turns.sendTranscript(turns.resumes.excluded(id));
      }
      case "cf_agent_chat_clear" -> turns.clear(id);
      case "cf_agent_chat_request_cancel" -> {
        if (!(frame.getValue("id") instanceof String requestId)) {
          return dropped(frame);
        }
        turns.cancel(requestId);
      }
      case "cf_agent_stream_resume_request" ->
          turns.resumes.request(
              socket, frame.getValue("probeId") instanceof String probe ? probe : null);
      case "cf_agent_stream_resume_ack" -> {
        if (!(frame.getValue("id") instanceof String requestId)) {
          return dropped(frame);
        }
        turns.resumes.ack(socket, requestId);
      }
      case "cf_agent_tool_result" -> {
        if (!(frame.getValue("toolCallId") instanceof String)) {
          return dropped(frame);
        }
        tools.result(id, frame);
      }
      case "cf_agent_tool_approval" -> {
        if (!(frame.getValue("toolCallId") instanceof String)
            || !(frame.getValue("approved") instanceof Boolean)) {
          return dropped(frame);
        }
        tools.approval(id, frame);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void request(String senderId, JsonObject frame) {
    JsonObject body;
    try {
      body =
          frame.getValue("id") instanceof String
                  && frame.getValue("init") instanceof JsonObject init
                  && init.getValue("body") instanceof String text
              ? new JsonObject(text)
              : null;
    } catch (RuntimeException e) {
      body = null;
    }
    List<JsonObject> messages = body == null ? null : messages(body.getValue("messages"));
    if (messages == null) {
      dropped(frame);
      return;
    }
    JsonArray messageIds = new JsonArray();
    for (int i = messages.size() - 1;
        i >= 0 && "user".equals(messages.get(i).getValue("role"));
        i--) {
      messageIds.add(0, messages.get(i).getString("id"));
    }
    String trigger =
        "regenerate-message".equals(body.getValue("trigger"))
            ? "regenerate-message"
            : "submit-message";
    if (body.getValue("clientTools") instanceof JsonArray clientTools) {
      turns.clientTools = objects(clientTools);
    }
    JsonObject extra = body.copy();
    extra.remove("messages");
    extra.remove("trigger");
    extra.remove("clientTools");
    turns.extraBody = extra;
    turns.transcript.applyRequest(messages);
    turns.sendTranscript(turns.resumes.excluded(senderId));
    turns.accept(
        new QueuedTurn(frame.getString("id"), senderId, trigger, extra, messageIds, false));
  }

  /** {@return the messages of a frame, each an object with a string id; null if any is not} */
  private static List<JsonObject> messages(Object value) {
    if (!(value instanceof JsonArray array)) {
      return null;
    }
    List<JsonObject> out = new ArrayList<>();
    for (Object m : array) {
      if (!(m instanceof JsonObject message) || !(message.getValue("id") instanceof String)) {
        return null;
      }
      out.add(message);
    }
    return out;
  }

  /** {@return the objects of an array (other entries left out)} */
  static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> out = new ArrayList<>();
    for (Object entry : array) {
      if (entry instanceof JsonObject object) {
        out.add(object);
      }
    }
    return List.copyOf(out);
  }

  private static boolean dropped(JsonObject frame) {
    LOG.log(System.Logger.Level.DEBUG, "Dropped a chat frame that cannot be used: {0}", frame);
    return true;
  }
}
