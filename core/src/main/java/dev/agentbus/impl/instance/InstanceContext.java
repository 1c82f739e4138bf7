package dev.agentbus.impl.instance;

import dev.agentbus.Agent;
import dev.agentbus.AgentContext;
import dev.agentbus.AgentSchedules;
import dev.agentbus.AwakeHold;
import dev.agentbus.Connection;
import dev.agentbus.StateSource;
import dev.agentbus.impl.schedule.InstanceTasks;
import dev.agentbus.impl.schedule.NodeScheduler;
import dev.agentbus.impl.schedule.TaskHost;
import dev.agentbus.impl.storage.InstanceDatabase;
import dev.agentbus.impl.storage.InstanceFiles;
import dev.agentbus.impl.storage.UnreadableDatabaseException;
import dev.agentbus.impl.type.AgentType;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AgentContext} of one live instance: it binds the agent object to the instance's rooms
 * (its state, its SQL file, its connections, its schedules) and checks that each call is made on
 * the instance's own context.
 *
 * @param <S> the state type
 */
final class InstanceContext<S> implements AgentContext<S>, TaskHost {

  private static final System.Logger LOG = System.getLogger(InstanceContext.class.getName());

  private final InstanceHost host;
  private final AgentType type;
  private final InstanceSlot slot;
  private final Context context;
  private final Agent<S> agent;
  private final InstanceSql sql;
  private final InstanceState<S> state;
  private @Nullable InstanceTasks tasks;
  private boolean destroyed;

  @SuppressWarnings("unchecked")
  InstanceContext(InstanceHost host, AgentType type, InstanceSlot slot, Context context) {
    this.host = host;
    this.type = type;
    this.slot = slot;
    this.context = context;
    String name = slot.key().name();
    this.agent = (Agent<S>) type.newAgent();
    this.sql =
        new InstanceSql(
            host.sqlite(),
            host.template(),
            InstanceFiles.databaseFile(host.dataDir(), type.name(), name),
            type.name(),
            name);
    this.state = new InstanceState<>(this);
    agent.init(this);
  }

  /** The agent object this context serves. */
  Agent<S> agent() {
    return agent;
  }

  /** What the instance's rooms share: the node. */
  InstanceHost host() {
    return host;
  }

  /** The agent type. */
  AgentType type() {
    return type;
  }

  /** The instance's SQL file. */
  InstanceSql sql() {
    return sql;
  }

  /** The instance's state room. */
  InstanceState<S> stateRoom() {
    return state;
  }

  /**
   * Opens the file if the instance has one and reads its state.
   *
   * @throws UnreadableDatabaseException if the file cannot be read or belongs to another instance
   *     (a copied file, or a hash collision); it is closed again, as it was
   */
  void load() {
    InstanceDatabase.Stored stored = sql.openStored();
    if (stored == null) {
      return;
    }
    if (stored.name() != null && !stored.name().equals(name())) {
      sql.close();
      throw new UnreadableDatabaseException(sql.file(), "it belongs to another instance", null);
    }
    state.load(type.name(), stored);
  }

  @Override
  public String name() {
    return slot.key().name();
  }

  @Override
  public String agentName() {
    return type.name();
  }

  @Override
  public JsonObject config() {
    return host.agentConfig();
  }

  @Override
  public Vertx vertx() {
    return host.vertx();
  }

  @Override
  public void runOnInstance(Runnable task) {
    context.runOnContext(ignored -> task.run());
  }

  @Override
  public AwakeHold holdAwake() {
    if (!slot.tryAcquire()) {
      throw new IllegalStateException(
          "Instance " + agentName() + "/" + name() + " is hibernating: it cannot be held awake");
    }
    java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true) && slot.release(System.currentTimeMillis())) {
        host.directory().undeploy(slot); // it was asked to retire meanwhile (a shutdown)
      }
    };
  }

  @Override
  public S state() {
    requireOwnContext("state()");
    return state.get();
  }

  @Override
  public void setState(S next) {
    requireOwnContext("setState()");
    requireNotDestroyed();
    Connection caller = InstanceConnections.current();
    if (caller != null && caller.isReadonly()) {
      // a read-only client may call methods, but not change the state through them
      throw new IllegalStateException("Connection is readonly");
    }
    state.set(next, StateSource.SERVER);
  }

  /** Applies a state sent by a client or a bus caller; answers with the frame to send back. */
  JsonObject setStateFromClient(@Nullable Object json, StateSource source) {
    requireOwnContext("setState()");
    return state.setFromClient(json, source, !destroyed);
  }

  @Override
  public List<JsonObject> sql(String query, @Nullable Object... params) {
    requireOwnContext("sql()");
    requireNotDestroyed();
    return sql.query(query, params);
  }

  @Override
  public <T> List<T> sql(Class<T> rowType, String query, @Nullable Object... params) {
    requireOwnContext("sql()");
    requireNotDestroyed();
    return sql.query(rowType, query, params);
  }

  @Override
  public <T> T transaction(java.util.function.Supplier<T> work) {
    requireOwnContext("transaction()");
    requireNotDestroyed();
    return sql.transaction(work);
  }

  @Override
  public void broadcast(String message, String... excludeIds) {
    InstanceConnections.broadcast(
        host.connectionHub(), type.name(), name(), message, List.of(excludeIds));
  }

  @Override
  public List<Connection> connections(@Nullable String tag) {
    return InstanceConnections.list(host.connectionHub(), type.name(), name(), tag);
  }

  @Override
  public @Nullable Connection connection(String id) {
    return InstanceConnections.byId(host.connectionHub(), type.name(), name(), id);
  }

  @Override
  public @Nullable Connection currentConnection() {
    return InstanceConnections.current();
  }

  @Override
  public AgentSchedules schedules() {
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

  @Override
  public @Nullable InstanceDatabase database(boolean create) {
    if (destroyed) {
      return null;
    }
    return create ? sql.database() : sql.existing();
  }

  @Override
  public void wrote(InstanceDatabase db) {
    sql.wrote(db);
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

  @Override
  public void destroy() {
    requireOwnContext("destroy()");
    if (destroyed) {
      return;
    }
    destroyed = true;
    sql.delete();
    host.scheduler().update(slot.key(), NodeScheduler.NONE, NodeScheduler.NONE);
    host.directory().retire(slot);
  }

  /** Runs the hibernation hook and closes the database. */
  void hibernate() {
    if (!destroyed) {
      try {
        agent.onHibernate();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "onHibernate of " + type.name() + " failed", e);
      }
    }
    sql.close();
  }

  private void requireNotDestroyed() {
    if (destroyed) {
      throw new IllegalStateException("This agent instance was destroyed");
    }
  }

  private void requireOwnContext(String what) {
    Context current = Vertx.currentContext();
    // compared by deployment: callbacks may run on a duplicate of the instance's context
    if (current == null || !context.deploymentID().equals(current.deploymentID())) {
      throw new IllegalStateException(
          what
              + " must be called on the agent's own context (in a callable method, a hook, or a"
              + " callback on the agent's context), not from "
              + Thread.currentThread().getName());
    }
  }
}
