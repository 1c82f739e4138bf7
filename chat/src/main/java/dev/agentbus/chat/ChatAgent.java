package dev.agentbus.chat;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.Connection;
import dev.agentbus.chat.impl.ChatTurns;
import dev.agentbus.chat.impl.ChunkLog;
import dev.agentbus.chat.impl.NodeChatModels;
import dev.agentbus.chat.impl.TranscriptStore;
import dev.agentbus.chat.impl.UiMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An agent that speaks the chat protocol of the SDK's {@code useAgentChat} hook (docs/protocol.md,
 * "Chat"): it keeps the conversation's transcript in the instance's database, answers each {@code
 * cf_agent_use_chat_request} with a streamed reply that every socket of the instance sees, and
 * serves {@code GET .../get-messages}.
 *
 * <pre>{@code
 * public class SupportChat extends ChatAgent<Void> {
 *   @Override
 *   protected ChatReply onChatMessage(ChatTurn turn) {
 *     return super.onChatMessage(turn); // the node's model, with the whole transcript
 *   }
 * }
 * }</pre>
 *
 * <p>Requests on one instance are answered one after another. A reply's chunks are stored as they
 * are sent (in batches), the instance is held awake while it streams, and the terminal frame goes
 * only once the reply is in the transcript. Messages that are not chat requests go to {@link
 * #onOtherMessage}.
 *
 * @param <S> the type of the agent's state
 */
public abstract class ChatAgent<S extends @Nullable Object> extends Agent<S> {

  private static final String REQUEST = "cf_agent_use_chat_request";

  private @Nullable TranscriptStore transcript;
  private @Nullable ChatTurns turns;

  /** For subclasses. */
  protected ChatAgent() {}

  private TranscriptStore transcript() {
    if (transcript == null) {
      transcript = new TranscriptStore(this);
    }
    return transcript;
  }

  private ChatTurns turns() {
    if (turns == null) {
      turns = new ChatTurns(this, transcript(), new ChunkLog(this), this::onChatMessage);
    }
    return turns;
  }

  /**
   * Makes the reply of a turn. The default streams the reply of the node's model ({@link
   * #chatModel()}) to the whole transcript. Runs on the instance's context; return at once and let
   * the reply stream.
   *
   * @param turn the transcript (the request's messages already written) and the request's fields
   * @return the reply, or {@code null} for none (the turn then ends with its terminal frame only)
   */
  protected @Nullable ChatReply onChatMessage(ChatTurn turn) {
    List<dev.langchain4j.data.message.ChatMessage> conversation =
        new java.util.ArrayList<>(UiMessages.toLangChain4j(turn.messages()));
    String system = systemPrompt();
    if (system != null) {
      conversation.addFirst(dev.langchain4j.data.message.SystemMessage.from(system));
    }
    return ChatReply.fromModel(chatModel(), conversation);
  }

  /**
   * The system prompt the default {@link #onChatMessage} puts before the transcript. None by
   * default.
   *
   * @return the prompt, or {@code null}
   */
  protected @Nullable String systemPrompt() {
    return null;
  }

  /**
   * The node's chat model: built once per Vert.x instance from the agent's configuration key {@code
   * chat} ({@link ChatModelOptions}; the stand-in model if there is none).
   *
   * @return the model
   * @throws IllegalArgumentException if the configuration does not describe a usable model
   */
  protected NodeChatModel chatModel() {
    return NodeChatModels.of(vertx(), config().getJsonObject("chat"));
  }

  /** {@return the stored transcript, as AI SDK UI messages, oldest first} */
  public final List<JsonObject> messages() {
    return transcript().messages();
  }

  /**
   * Handles chat frames; every other message goes to {@link #onOtherMessage}. A chat request that
   * cannot be used is dropped, as docs/protocol.md says.
   */
  @Override
  public final void onMessage(Connection connection, Object message) {
    if (message instanceof String text && text.startsWith("{") && text.contains(REQUEST)) {
      JsonObject frame;
      try {
        frame = new JsonObject(text);
      } catch (RuntimeException e) {
        frame = null;
      }
      // only a request whose init.method is not POST is not a chat request; one that is
      // unusable otherwise (init not an object, a bad body) is dropped by the turns
      if (frame != null
          && REQUEST.equals(frame.getValue("type"))
          && !(frame.getValue("init") instanceof JsonObject init
              && !"POST".equals(init.getValue("method")))) {
        turns().request(connection.id(), frame);
        return;
      }
    }
    onOtherMessage(connection, message);
  }

  /**
   * Called for every message that is not a chat frame (see {@link Agent#onMessage}). Does nothing
   * by default.
   *
   * @param connection the connection
   * @param message a {@code String} or a {@code io.vertx.core.buffer.Buffer}
   */
  protected void onOtherMessage(Connection connection, Object message) {}

  /**
   * Answers {@code GET .../get-messages} with the transcript as a JSON array; every other request
   * goes to {@link #onOtherRequest}.
   */
  @Override
  public final AgentResponse onRequest(AgentRequest request) {
    if ("GET".equals(request.method()) && "get-messages".equals(request.lastSegment())) {
      return AgentResponse.json(200, new JsonArray(List.copyOf(messages())));
    }
    return onOtherRequest(request);
  }

  /**
   * Answers an HTTP request that is not {@code get-messages}. {@code 404} by default.
   *
   * @param request the request
   * @return the response
   */
  protected AgentResponse onOtherRequest(AgentRequest request) {
    return AgentResponse.notFound();
  }
}
