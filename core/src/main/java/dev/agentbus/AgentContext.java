package dev.agentbus;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the runtime gives one agent object: its identity, its state, its database, its connections
 * and its schedules. AgentBus hands it to the agent through {@link AgentBase#init(AgentContext)}
 * before {@link Agent#onStart}, as Vert.x hands a verticle its context in {@code
 * AbstractVerticle.init}. Agents use it through their own methods ({@code state()}, {@code sql},
 * {@code broadcast}, ...), which document each operation; a test can give an agent a context of its
 * own.
 *
 * <p>Every method but the identity ones must be called on the instance's own context.
 *
 * @param <S> the agent's state type
 */
public interface AgentContext<S extends @Nullable Object> {

  /** {@return the instance name} */
  String name();

  /** {@return the agent's public name} */
  String agentName();

  /** {@return the application's configuration for agents, shared by every instance} */
  JsonObject config();

  /** {@return the Vert.x instance the agent runs on} */
  Vertx vertx();

  /**
   * Runs a task on the instance's own context, from any thread.
   *
   * @param task the task
   * @see AgentBase#runOnInstance(Runnable)
   */
  void runOnInstance(Runnable task);

  /**
   * Keeps the instance awake until the hold is released.
   *
   * @return the hold
   * @see AgentBase#holdAwake()
   */
  AwakeHold holdAwake();

  /** {@return the current state @see Agent#state()} */
  S state();

  /**
   * Validates, persists and publishes a new state.
   *
   * @param next the new state
   * @see Agent#setState(Object)
   */
  void setState(S next);

  /**
   * {@return the rows}
   *
   * @param query one statement
   * @param params its parameters
   * @see Agent#sql(String, Object...)
   */
  List<JsonObject> sql(String query, @Nullable Object... params);

  /**
   * {@return the mapped rows}
   *
   * @param rowType the row class
   * @param query one statement
   * @param params its parameters
   * @param <T> the row type
   * @see Agent#sql(Class, String, Object...)
   */
  <T> List<T> sql(Class<T> rowType, String query, @Nullable Object... params);

  /**
   * Runs work in one transaction of the instance's database.
   *
   * @param work the statements
   * @param <T> what it returns
   * @return what the work returned
   * @see Agent#transaction(java.util.function.Supplier)
   */
  <T> T transaction(java.util.function.Supplier<T> work);

  /**
   * Sends a text frame to the instance's open connections.
   *
   * @param message the text
   * @param excludeIds connection ids to leave out
   * @see Agent#broadcast(String, String...)
   */
  void broadcast(String message, String... excludeIds);

  /**
   * {@return a snapshot of the open connections}
   *
   * @param tag only those with this tag, or {@code null} for all
   */
  List<Connection> connections(@Nullable String tag);

  /**
   * {@return the open connection with that id, or {@code null}}
   *
   * @param id a connection id
   */
  @Nullable Connection connection(String id);

  /**
   * {@return the connection whose frame is being handled now, or {@code null} @see
   * Agent#currentConnection()}
   */
  @Nullable Connection currentConnection();

  /**
   * Deletes the instance's data and retires it once its current message is answered.
   *
   * @see Agent#destroy()
   */
  void destroy();

  /** {@return the instance's schedules and queued tasks} */
  AgentSchedules schedules();
}
