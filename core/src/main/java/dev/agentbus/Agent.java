package dev.agentbus;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The base class of every agent. One subclass describes an agent; AgentBus creates one object of it
 * per named instance, on first use, and keeps it while the instance is live.
 *
 * <h2>Threading</h2>
 *
 * Each live instance is a verticle on its own virtual-thread context, and handles one message at a
 * time. A message's work runs to its end without interleaving, including every {@link #sql} and
 * {@link #setState} call (they block the instance's virtual thread, not a carrier thread). The one
 * exception is {@code Future.await()}: while a method awaits a Vert.x future, the instance may
 * start the next message. A method that returns a {@code Future} instead of awaiting it likewise
 * lets the next message start. See {@code docs/design.md} ("Turns").
 *
 * <h2>State</h2>
 *
 * {@code S} is the state type: a record or POJO that Jackson maps to JSON, or {@link JsonObject}.
 * The state lives in the instance's own SQLite database; {@link #initialState()} seeds it on first
 * read. {@link #setState} persists before it returns.
 *
 * <h2>Schedules and queues</h2>
 *
 * {@link #schedule(long, String, Object)} and its siblings run a method of the agent later (after a
 * delay, at an instant, at each occurrence of a cron expression, or every so many seconds); {@link
 * #queue} runs one soon, in order. They are stored in the instance's database, survive restarts,
 * and wake a hibernated instance. See {@code docs/schedules.md}.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * public class CounterAgent extends Agent<CounterAgent.Count> {
 *   public record Count(int count) {}
 *
 *   protected Count initialState() { return new Count(0); }
 *
 *   @Callable
 *   public int increment(int by) {
 *     setState(new Count(state().count() + by));
 *     return state().count();
 *   }
 * }
 * }</pre>
 *
 * @param <S> the state type
 */
public abstract class Agent<S extends @Nullable Object> extends AgentBase {

  /** Agents are plain objects: AgentBus binds them to their instance after construction. */
  protected Agent() {}

  @SuppressWarnings("unchecked")
  private AgentContext<S> runtime() {
    return (AgentContext<S>) context();
  }

  /**
   * Called when the instance starts: on first use, and on every wake from hibernation. A throw
   * fails the activation: the message that triggered it is answered with the error.
   *
   * @param props start-up properties handed over by whoever activated the instance (empty if none)
   */
  public void onStart(JsonObject props) {}

  /**
   * Called before the instance hibernates (idle, evicted or the node is stopping). The database is
   * still open. Exceptions are logged and do not stop the hibernation.
   */
  public void onHibernate() {}

  /**
   * The state of a never-seen instance. {@code null} (the default) means the agent has no state:
   * clients then receive no state frame.
   *
   * @return the initial state, or {@code null} for an agent without state
   */
  public @Nullable S initialState() {
    return null;
  }

  /**
   * Decides whether a state change may happen. Called before every change, from the agent's code or
   * a client; returning {@code false} or throwing rejects it (nothing is persisted or sent).
   *
   * @param next the proposed state
   * @param source who proposes it
   * @return whether the change is accepted
   */
  public boolean validateStateChange(S next, StateSource source) {
    return true;
  }

  /**
   * Called after a state change was persisted and sent to listeners. Exceptions are logged.
   *
   * @param state the new state
   * @param source who made the change
   */
  public void onStateUpdate(S state, StateSource source) {}

  /**
   * The current state: the stored one, or {@link #initialState()} if none was ever stored (or the
   * stored one could not be read, which is logged).
   *
   * @return the current state
   */
  public final S state() {
    return runtime().state();
  }

  /**
   * Replaces the state: validates it, persists it to the instance's database, publishes it to every
   * listener, then calls {@link #onStateUpdate} with source {@link StateSource#SERVER}. Returns
   * once the write is durable against a crash of the process.
   *
   * @param next the new state
   * @throws IllegalStateException if {@link #validateStateChange} rejected it ({@code State update
   *     rejected}), the method runs for a read-only connection ({@code Connection is readonly}), or
   *     the call is made outside the agent's own context
   */
  public final void setState(S next) {
    runtime().setState(next);
  }

  /**
   * Runs one SQL statement on the instance's own SQLite database and returns its rows (empty for a
   * statement that returns none). Parameters are always bound, never spliced into the text: {@code
   * sql("SELECT * FROM items WHERE id = ?", id)}. The database file is created on the first call.
   * Names starting with {@code _agentbus_} are reserved.
   *
   * @param query one SQL statement with {@code ?} placeholders
   * @param params the values for the placeholders: strings, numbers, booleans, byte arrays, null,
   *     {@code JsonObject}/{@code JsonArray} (stored as JSON text)
   * @return the rows, each a JSON object keyed by column label
   * @throws io.vertx.core.VertxException carrying SQLite's message if the statement fails
   */
  public final List<JsonObject> sql(String query, @Nullable Object... params) {
    return runtime().sql(query, params);
  }

  /**
   * Like {@link #sql(String, Object...)}, with each row mapped to {@code rowType} by Jackson
   * (column labels to record components or properties).
   *
   * @param rowType the row class, e.g. a record
   * @param query one SQL statement with {@code ?} placeholders
   * @param params the values for the placeholders
   * @param <T> the row type
   * @return the mapped rows
   */
  public final <T> List<T> sql(Class<T> rowType, String query, @Nullable Object... params) {
    return runtime().sql(rowType, query, params);
  }

  /**
   * Runs {@code work} in one transaction of the instance's database: its {@link #sql} statements
   * are committed together when it returns, and none of them if it throws (the exception is
   * rethrown). One commit for many statements is also much cheaper than one commit each. A
   * transaction inside a transaction just runs. The work must not await (another message could run
   * and write meanwhile, inside this transaction). {@link #setState} inside it fails with an {@code
   * IllegalStateException}: a roll-back could not undo the state in memory.
   *
   * <pre>{@code
   * transaction(() -> {
   *   for (String line : lines) sql("INSERT INTO log (line) VALUES (?)", line);
   *   return lines.size();
   * });
   * }</pre>
   *
   * @param work the statements
   * @param <T> what it returns
   * @return what the work returned
   * @throws io.vertx.core.VertxException carrying SQLite's message if a statement or the commit
   *     fails
   */
  public final <T> T transaction(java.util.function.Supplier<T> work) {
    return runtime().transaction(work);
  }

  /**
   * Called after a client connected and received its connect frames (identity, state, MCP servers).
   * Exceptions go to {@link #onError}.
   *
   * @param connection the new connection
   * @param context what the client sent when it connected
   */
  public void onConnect(Connection connection, ConnectionContext context) {}

  /**
   * Called for every frame of a connection that is not a protocol frame: binary frames (a {@code
   * Buffer}), and text (a {@code String}) that is not a JSON object with a known {@code type}.
   * Exceptions go to {@link #onError}.
   *
   * @param connection the connection
   * @param message a {@code String} or a {@code io.vertx.core.buffer.Buffer}
   */
  public void onMessage(Connection connection, Object message) {}

  /**
   * Called after a connection closed.
   *
   * @param connection the closed connection (its state and tags are still readable)
   * @param code the close code
   * @param reason the close reason
   * @param wasClean whether the close handshake completed
   */
  public void onClose(Connection connection, int code, String reason, boolean wasClean) {}

  /**
   * Called when a connection hook ({@link #onConnect}, {@link #onMessage}) throws. Logs by default.
   *
   * @param connection the connection
   * @param error what was thrown
   */
  public void onError(Connection connection, Throwable error) {
    System.getLogger(getClass().getName())
        .log(System.Logger.Level.WARNING, "Error on connection " + connection.id(), error);
  }

  /**
   * The tags of a new connection, for {@link #getConnections(String)}. None by default.
   *
   * @param connection the new connection
   * @param context what the client sent
   * @return its tags
   */
  public Set<String> connectionTags(Connection connection, ConnectionContext context) {
    return Set.of();
  }

  /**
   * Whether a new connection receives protocol frames (identity, state, state broadcasts). A
   * connection without them still makes RPC calls. True by default.
   *
   * @param connection the new connection
   * @param context what the client sent
   * @return whether it speaks the protocol
   */
  public boolean shouldSendProtocolMessages(Connection connection, ConnectionContext context) {
    return true;
  }

  /**
   * Whether a new connection is read-only (may not change the state). False by default.
   *
   * @param connection the new connection
   * @param context what the client sent
   * @return whether it is read-only
   */
  public boolean shouldConnectionBeReadonly(Connection connection, ConnectionContext context) {
    return false;
  }

  /** {@return whether new connections receive the identity frame first; true by default} */
  public boolean sendIdentityOnConnect() {
    return true;
  }

  /**
   * Answers an HTTP request to the instance (any method, any sub-path). The default answers {@code
   * 404 Not found}. May block or await: it runs on the instance's virtual thread.
   *
   * @param request the request
   * @return the response: a body, or a stream ({@link AgentResponse#events}, {@link
   *     AgentResponse#stream})
   */
  public AgentResponse onRequest(AgentRequest request) {
    return AgentResponse.notFound();
  }

  /**
   * Sends a text frame to every open connection of the instance.
   *
   * @param message the text
   * @param excludeIds connection ids to leave out
   */
  public final void broadcast(String message, String... excludeIds) {
    runtime().broadcast(message, excludeIds);
  }

  /**
   * The open connections of the instance.
   *
   * @param tag only those with this tag, or {@code null} for all
   * @return a snapshot
   */
  public final List<Connection> getConnections(@Nullable String tag) {
    return runtime().connections(tag);
  }

  /**
   * The connection whose frame the instance is handling now: set while a callable method called by
   * a client runs (also across its {@code await}s), and in {@link #onMessage}; {@code null} for
   * calls from the bus or JVM code, and in callbacks that run later.
   *
   * @return the calling connection, or {@code null}
   */
  public final @Nullable Connection currentConnection() {
    return runtime().currentConnection();
  }

  /**
   * Finds one of the instance's open connections.
   *
   * @param id a connection id
   * @return the open connection with that id, or {@code null}
   */
  public final @Nullable Connection getConnection(String id) {
    return runtime().connection(id);
  }

  /**
   * Deletes the instance: its database file (state, tables, everything) is removed now, and the
   * instance stops once the current message is answered. The next message to the same name starts a
   * fresh instance.
   */
  public final void destroy() {
    runtime().destroy();
  }
}
