package dev.agentbus.impl.instance;

import com.fasterxml.jackson.databind.JavaType;
import dev.agentbus.Agent;
import dev.agentbus.Connection;
import dev.agentbus.StateSource;
import dev.agentbus.impl.json.JsonValues;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.schedule.InstanceTasks;
import dev.agentbus.impl.schedule.NodeScheduler;
import dev.agentbus.impl.schedule.TaskHost;
import dev.agentbus.impl.storage.InstanceDatabase;
import dev.agentbus.impl.storage.InstanceFiles;
import dev.agentbus.impl.type.AgentType;
import dev.agentbus.spi.HubConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime side of one agent object: its identity, its state and its database. {@link Agent}
 * delegates to it. Every method runs on the instance's own context.
 *
 * @param <S> the state type
 */
public final class AgentRuntime<S> implements TaskHost {

  private static final System.Logger LOG = System.getLogger(AgentRuntime.class.getName());
  private static final ThreadLocal<AgentRuntime<?>> PENDING = new ThreadLocal<>();
  private static final ThreadLocal<Connection> CURRENT_CONNECTION = new ThreadLocal<>();

  private final InstanceHost host;
  private final AgentType type;
  private final InstanceSlot slot;
  private final String name;
  private final Context context;
  private final Path file;
  private Agent<S> agent;
  private InstanceDatabase database;
  private boolean stateLoaded;
  private S state;
  private Object stateJson;
  private boolean destroyed;
  private InstanceTasks tasks;

  AgentRuntime(InstanceHost host, AgentType type, InstanceSlot slot, Context context) {
    this.host = host;
    this.type = type;
    this.slot = slot;
    this.name = slot.key().name();
    this.context = context;
    this.file = InstanceFiles.databaseFile(host.dataDir(), type.name(), name);
  }

  /**
   * Binds an agent object under construction to the runtime that is creating it.
   *
   * @param agent the agent being constructed
   * @param <S> its state type
   * @return its runtime
   * @throws IllegalStateException if AgentBus is not creating an agent on this thread
   */
  @SuppressWarnings("unchecked")
  public static <S> AgentRuntime<S> claim(Agent<S> agent) {
    AgentRuntime<?> runtime = PENDING.get();
    if (runtime == null) {
      throw new IllegalStateException(
          "Agents are created by AgentBus: register the class and use AgentBus.get(...) instead of"
              + " calling its constructor");
    }
    PENDING.remove();
    return (AgentRuntime<S>) runtime;
  }

  @SuppressWarnings("unchecked")
  Agent<S> createAgent() {
    PENDING.set(this);
    try {
      agent = (Agent<S>) type.newAgent();
    } finally {
      PENDING.remove();
    }
    return agent;
  }

  /** Opens the database if the instance has one and reads its state. */
  void load() {
    if (!java.nio.file.Files.exists(file)) {
      return; // a never-written instance: no file, no trip to the SQLite pool
    }
    InstanceDatabase.Stored stored =
        host.sqlite()
            .call(
                () -> {
                  database = InstanceDatabase.openIfExists(file);
                  return database == null ? null : database.readStored();
                });
    if (stored == null) {
      return;
    }
    if (stored.name() != null && !stored.name().equals(name)) {
      throw new IllegalStateException(
          "Database " + file + " belongs to another instance (hash collision or a copied file)");
    }
    if (stored.stateJson() != null) {
      try {
        Object json = JsonValues.decode(stored.stateJson());
        state = decodeState(json);
        stateJson = json;
        stateLoaded = true;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Stored state of "
                + type.name()
                + " instance in "
                + file
                + " cannot be read; using the initial state: "
                + e.getMessage());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private S decodeState(Object json) {
    JavaType stateType = type.stateType();
    return (S) JsonValues.fromJson(json, stateType);
  }

  /** The instance name. */
  public String instanceName() {
    return name;
  }

  /** The agent's public name. */
  public String agentName() {
    return type.name();
  }

  /** The configuration agents see. */
  public JsonObject config() {
    return host.agentConfig();
  }

  /** The Vert.x instance. */
  public Vertx vertx() {
    return host.vertx();
  }

  /** The current state, seeding it from the initial state on first read. */
  public S state() {
    requireOwnContext("state()");
    seedState();
    return state;
  }

  /** The current state as JSON, or {@code null} if the agent has none. */
  Object stateJson() {
    seedState();
    return stateJson;
  }

  private void seedState() {
    if (!stateLoaded) {
      state = agent.initialState();
      stateJson = JsonValues.toJson(state);
      stateLoaded = true;
    }
  }

  /**
   * Validates, persists, publishes and announces a new state.
   *
   * @param next the new state
   * @param source who made the change
   * @throws IllegalStateException {@code State update rejected} if validation refused it
   */
  public void setState(S next, StateSource source) {
    requireOwnContext("setState()");
    requireNotDestroyed();
    if (!accepts(next, source)) {
      throw new IllegalStateException("State update rejected");
    }
    commitState(next, JsonValues.toJson(next), source);
  }

  /**
   * Applies a state sent by a client.
   *
   * @param json the proposed state as JSON
   * @param source the client
   * @return the answer frame: the accepted state, or {@code State update rejected}
   */
  JsonObject setStateFromClient(Object json, StateSource source) {
    requireOwnContext("setState()");
    S next;
    try {
      next = decodeState(json);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Refused state of wrong shape for " + type.name() + ": " + e);
      return Frames.stateError("State update rejected");
    }
    if (destroyed || !accepts(next, source)) {
      return Frames.stateError("State update rejected");
    }
    commitState(next, json, source);
    return Frames.state(json);
  }

  private boolean accepts(S next, StateSource source) {
    try {
      return agent.validateStateChange(next, source);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "State change refused by validateStateChange: " + e.getMessage());
      return false;
    }
  }

  private void commitState(S next, Object json, StateSource source) {
    String text = JsonValues.encode(json);
    InstanceDatabase db = database();
    db.writeState(text);
    checkpointIfDue(db);
    state = next;
    stateJson = json;
    stateLoaded = true;
    JsonObject frame = Frames.state(json);
    String frameText = frame.encode();
    for (HubConnection connection : host.connectionHub().connections(type.name(), name)) {
      if (connection.isProtocolEnabled() && !connection.id().equals(source.connectionId())) {
        connection.send(frameText);
      }
    }
    host.vertx()
        .eventBus()
        .publish(host.stateAddress(type.name(), name), frame.put("source", source.toString()));
    try {
      agent.onStateUpdate(next, source);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "onStateUpdate of " + type.name() + " failed", e);
    }
  }

  /** The connection whose frame this thread is handling, or {@code null}. */
  public static Connection currentConnection() {
    return CURRENT_CONNECTION.get();
  }

  /** Runs work on behalf of a connection ({@link #currentConnection()} is set meanwhile). */
  static void onBehalfOf(Connection connection, Runnable work) {
    Connection previous = CURRENT_CONNECTION.get();
    CURRENT_CONNECTION.set(connection);
    try {
      work.run();
    } finally {
      CURRENT_CONNECTION.set(previous);
    }
  }

  /** Sends a text frame to every open connection but the excluded ones. */
  public void broadcast(String message, String... excludeIds) {
    List<String> excluded = List.of(excludeIds);
    for (HubConnection connection : host.connectionHub().connections(type.name(), name)) {
      if (!excluded.contains(connection.id())) {
        connection.send(message);
      }
    }
  }

  /** The open connections, all or those with a tag. */
  public List<Connection> connections(String tag) {
    List<Connection> out = new ArrayList<>();
    for (HubConnection connection : host.connectionHub().connections(type.name(), name)) {
      if (tag == null || connection.tags().contains(tag)) {
        out.add(connection);
      }
    }
    return out;
  }

  /** The open connection with an id, or {@code null}. */
  public Connection connection(String id) {
    return host.connectionHub().connection(type.name(), name, id);
  }

  /** Runs one statement on the instance's database, creating it if needed. */
  public List<JsonObject> sql(String query, Object... params) {
    requireOwnContext("sql()");
    requireNotDestroyed();
    InstanceDatabase db = database();
    List<JsonObject> rows = db.query(query, params);
    checkpointIfDue(db);
    return rows;
  }

  /** Like {@link #sql(String, Object...)}, mapping each row to a type. */
  public <T> List<T> sql(Class<T> rowType, String query, Object... params) {
    List<JsonObject> rows = sql(query, params);
    List<T> out = new ArrayList<>(rows.size());
    for (JsonObject row : rows) {
      out.add(row.mapTo(rowType));
    }
    return out;
  }

  /**
   * The open database, opening or creating its file on the SQLite pool if needed. Statements on an
   * open connection then run right here, on the agent's virtual thread: in WAL mode with {@code
   * synchronous=NORMAL} a commit does no fsync, so the native call is short CPU work (about 20 µs
   * for a state write), cheaper than the hand-off to the pool and back (about 50 µs, measured).
   * What can wait on the disk — creating and opening files, checkpoints, closing — goes to the
   * pool, so that a carrier thread is never pinned by an fsync. See docs/design.md.
   */
  private InstanceDatabase database() {
    if (database == null) {
      host.sqlite().call(this::openOrCreateDatabase);
    }
    return database;
  }

  private void checkpointIfDue(InstanceDatabase db) {
    if (db.needsCheckpoint()) {
      host.sqlite()
          .call(
              () -> {
                db.checkpoint();
                return null;
              });
    }
  }

  private InstanceDatabase openOrCreateDatabase() {
    if (database == null) {
      database = InstanceDatabase.openIfExists(file);
      if (database == null) {
        database = InstanceDatabase.create(file, host.template(), type.name(), name);
      }
    }
    return database;
  }

  /**
   * The instance's schedules and queued tasks (created on first use).
   *
   * @throws IllegalStateException outside the agent's own context or after destroy
   */
  public InstanceTasks tasks() {
    requireOwnContext("Schedules and queues");
    requireNotDestroyed();
    return tasksHere();
  }

  /** The tasks, for the scheduler's due message (already on the instance's context). */
  InstanceTasks tasksHere() {
    if (tasks == null) {
      tasks = new InstanceTasks(host.scheduler(), host.options(), slot.key(), agent, context, this);
    }
    return tasks;
  }

  /** The clock schedules follow. */
  public java.time.Clock clock() {
    return host.scheduler().clock();
  }

  @Override
  public InstanceDatabase database(boolean create) {
    if (destroyed) {
      return null;
    }
    if (create) {
      return database();
    }
    if (database == null && java.nio.file.Files.exists(file)) {
      host.sqlite().call(this::openOrCreateDatabase);
    }
    return database;
  }

  @Override
  public void wrote(InstanceDatabase db) {
    checkpointIfDue(db);
  }

  @Override
  public boolean enterTurn() {
    return slot.tryAcquire();
  }

  @Override
  public void leaveTurn() {
    if (slot.release(System.currentTimeMillis())) {
      host.directory().undeploy(slot);
    }
  }

  /** Deletes the instance's data now and retires it once its messages are answered. */
  public void destroy() {
    requireOwnContext("destroy()");
    if (destroyed) {
      return;
    }
    destroyed = true;
    host.sqlite()
        .call(
            () -> {
              closeDatabase();
              InstanceDatabase.delete(file);
              return null;
            });
    host.scheduler().update(slot.key(), NodeScheduler.NONE, NodeScheduler.NONE);
    host.directory().retire(slot);
  }

  /** Runs the hibernation hook and closes the database. */
  void hibernate() {
    if (!destroyed && agent != null) {
      try {
        agent.onHibernate();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "onHibernate of " + type.name() + " failed", e);
      }
    }
    host.sqlite()
        .call(
            () -> {
              closeDatabase();
              return null;
            });
  }

  private void closeDatabase() {
    if (database != null) {
      InstanceDatabase open = database;
      database = null;
      open.close();
    }
  }

  private void requireNotDestroyed() {
    if (destroyed) {
      throw new IllegalStateException("This agent instance was destroyed");
    }
  }

  private void requireOwnContext(String what) {
    Context current = Vertx.currentContext();
    if (current == null || !context.deploymentID().equals(current.deploymentID())) {
      throw new IllegalStateException(
          what
              + " must be called on the agent's own context (in a callable method, a hook, or a"
              + " callback on the agent's context), not from "
              + Thread.currentThread().getName());
    }
  }
}
