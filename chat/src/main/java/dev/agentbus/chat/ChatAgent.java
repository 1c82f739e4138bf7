package dev.agentbus.chat;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.Connection;
import dev.agentbus.ConnectionContext;
import dev.agentbus.chat.impl.AgentTools;
import dev.agentbus.chat.impl.ChatSession;
import dev.agentbus.chat.impl.NodeChatModels;
import dev.agentbus.chat.impl.ToolLoop;
import dev.agentbus.chat.impl.UiMessages;
import dev.langchain4j.model.chat.StreamingChatModel;
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
 *   protected String systemPrompt() {
 *     return "You answer questions about orders. Be brief.";
 *   }
 *
 *   @Tool("The status of an order")
 *   public String orderStatus(@P("the order number") String order) {
 *     return sql("SELECT status FROM orders WHERE id = ?", order).get(0).getString("status");
 *   }
 * }
 * }</pre>
 *
 * <p>Requests on one instance are answered one after another. A reply's chunks are stored as they
 * are sent (in batches), so a page that reconnects mid-reply gets the rest exactly once (the resume
 * handshake), and a restart keeps the partial reply; the instance is held awake while it streams,
 * and the terminal frame goes only once the reply is in the transcript. Server tools are the
 * agent's public methods annotated with LangChain4j's {@code @Tool} ({@link NeedsApproval} for
 * those the user must approve); they run on the instance, between its other messages. Messages that
 * are not chat frames go to {@link #onOtherMessage}.
 *
 * @param <S> the type of the agent's state
 */
public abstract class ChatAgent<S extends @Nullable Object> extends Agent<S> {

  private @Nullable ChatSession session;

  /** For subclasses. */
  protected ChatAgent() {}

  private ChatSession session() {
    if (session == null) {
      session = new ChatSession(this, this::onChatMessage, this::replyQuietTimeoutMs);
    }
    return session;
  }

  /**
   * Makes the reply of a turn. The default is {@code streamFrom(chatModel(), turn.messages())}: the
   * node's model with the system prompt and the tools. Runs on the instance's context; return at
   * once and let the reply stream.
   *
   * @param turn the transcript (the request's messages already written) and the request's fields
   * @return the reply, or {@code null} for none (the turn then ends with its terminal frame only)
   */
  protected @Nullable ChatReply onChatMessage(ChatTurn turn) {
    return streamFrom(chatModel(), turn.messages());
  }

  /**
   * A reply from a model: the {@link #systemPrompt()} and the messages, with the agent's server
   * tools and the page's client tools; the model's tool calls run in the same turn until it answers
   * (see docs/chat.md, "Tools").
   *
   * @param model the model, usually {@link #chatModel()}
   * @param messages the conversation, usually the turn's
   * @return the reply
   */
  protected final ChatReply streamFrom(StreamingChatModel model, List<JsonObject> messages) {
    String system = systemPrompt();
    return sink -> {
      List<JsonObject> clientTools = session().clientTools();
      ToolLoop.start(
          model,
          UiMessages.conversation(messages, system),
          new AgentTools(this, clientTools),
          sink);
    };
  }

  /**
   * The system prompt {@link #streamFrom} puts before the transcript. None by default.
   *
   * @return the prompt, or {@code null}
   */
  protected @Nullable String systemPrompt() {
    return null;
  }

  /**
   * The node's chat model: built once per Vert.x instance from the agents' configuration key {@code
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
    return session().messages();
  }

  /**
   * Offers a new socket the reply streaming (or one a restart interrupted), as the resume handshake
   * says. A subclass that overrides this calls {@code super.onConnect} first.
   */
  @Override
  public void onConnect(Connection connection, ConnectionContext context) {
    session().connected(connection);
  }

  /**
   * Writes the chunks of a reply streaming that are not on disk yet and stops its model call (the
   * reply is kept as interrupted at the next start). A subclass that overrides this calls {@code
   * super.onHibernate} too.
   */
  @Override
  public void onHibernate() {
    if (session != null) {
      session.stop();
    }
  }

  /**
   * How long a reply may send nothing (a model that stalls mid-stream, a tool that never returns)
   * before the turn fails with an error frame ({@code The reply stopped: nothing came from it for N
   * s}) and the model call is cancelled. Two minutes by default.
   *
   * @return milliseconds
   */
  protected long replyQuietTimeoutMs() {
    return 120_000;
  }

  /**
   * Whether the reply streaming stops, as a client's cancel would, when the instance's last socket
   * closes. {@code false} by default: a reply goes on, is stored, and a page that comes back gets
   * it (resumed, or from {@code get-messages}).
   *
   * @return whether to stop
   */
  protected boolean cancelWhenLastSocketCloses() {
    return false;
  }

  /**
   * Stops the reply streaming if {@link #cancelWhenLastSocketCloses()} and this was the last
   * socket. A subclass that overrides this calls {@code super.onClose} too.
   */
  @Override
  public void onClose(Connection connection, int code, String reason, boolean wasClean) {
    if (session != null
        && cancelWhenLastSocketCloses()
        && getConnections(null).stream()
            .noneMatch(other -> other != connection && other.isOpen())) {
      session.cancelRunning();
    }
  }

  /** Handles chat frames; every other message goes to {@link #onOtherMessage}. */
  @Override
  public final void onMessage(Connection connection, Object message) {
    if (!(message instanceof String text) || !session().handle(connection, text)) {
      onOtherMessage(connection, message);
    }
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
