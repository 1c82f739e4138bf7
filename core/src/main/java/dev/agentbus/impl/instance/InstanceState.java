package dev.agentbus.impl.instance;

import dev.agentbus.StateSource;
import dev.agentbus.impl.json.JsonValues;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.storage.DiskFullException;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * An instance's state: loaded from its file, seeded from {@link Agent#initialState()} on first
 * read, validated by the agent, persisted before a change is acknowledged, then sent to the
 * instance's connections and published on its state address.
 *
 * @param <S> the state type
 */
final class InstanceState<S> {

  private static final System.Logger LOG = System.getLogger(InstanceState.class.getName());

  private final InstanceContext<S> instance;
  private boolean loaded;
  private @Nullable S state;
  private @Nullable Object json;

  InstanceState(InstanceContext<S> instance) {
    this.instance = instance;
  }

  /**
   * Takes the state stored in the instance's file; a state that cannot be read is logged and the
   * initial state used instead.
   */
  void load(String agentName, InstanceDatabase.Stored stored) {
    if (stored.stateJson() == null) {
      return;
    }
    try {
      Object stored0 = JsonValues.decode(stored.stateJson());
      state = decode(stored0);
      json = stored0;
      loaded = true;
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Stored state of "
              + agentName
              + " instance in "
              + instance.sql().file()
              + " cannot be read; using the initial state: "
              + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private S decodeFromClient(@Nullable Object value) {
    return (S) JsonValues.fromClientJson(value, instance.type().stateType());
  }

  @SuppressWarnings("unchecked")
  private S decode(Object value) {
    return (S) JsonValues.fromJson(value, instance.type().stateType());
  }

  /** The current state. */
  @Nullable S get() {
    seed();
    return state;
  }

  /** The current state as JSON, or {@code null} if the agent has none. */
  @Nullable Object json() {
    seed();
    return json;
  }

  private void seed() {
    if (!loaded) {
      state = instance.agent().initialState();
      json = JsonValues.toJson(state);
      loaded = true;
    }
  }

  /**
   * Validates, persists, publishes and announces a state set by the agent's code.
   *
   * @throws IllegalStateException {@code State update rejected} if validation refused it
   */
  void set(S next, StateSource source) {
    if (instance.sql().inTransaction()) {
      throw new IllegalStateException(
          "setState() cannot run inside a transaction: a roll-back could not undo it");
    }
    if (!accepts(next, source)) {
      throw new IllegalStateException("State update rejected");
    }
    commit(next, JsonValues.toJson(next), source);
  }

  /**
   * Applies a state sent by a client.
   *
   * @param value the proposed state as JSON
   * @param accepting false if the instance can take no change (destroyed)
   * @return the answer frame: the accepted state, {@code State update rejected}, or {@code Disk
   *     full: state of <agent>/<name> not saved}
   */
  JsonObject setFromClient(@Nullable Object value, StateSource source, boolean accepting) {
    S next;
    try {
      next = decodeFromClient(value);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Refused state of wrong shape for " + instance.agentName() + ": " + e);
      return Frames.stateError("State update rejected");
    }
    if (!accepting || !accepts(next, source)) {
      return Frames.stateError("State update rejected");
    }
    try {
      commit(next, value, source);
    } catch (DiskFullException e) {
      return Frames.stateError(e.getMessage()); // nothing changed: the write comes first
    }
    return Frames.state(value);
  }

  private boolean accepts(S next, StateSource source) {
    try {
      return instance.agent().validateStateChange(next, source);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "State change refused by validateStateChange: " + e.getMessage());
      return false;
    }
  }

  private void commit(S next, @Nullable Object value, StateSource source) {
    instance.sql().writeState(JsonValues.encode(value));
    state = next;
    json = value;
    loaded = true;
    JsonObject frame = Frames.state(value);
    InstanceConnections.sendState(
        instance.host().connectionHub(),
        instance.agentName(),
        instance.name(),
        frame.encode(),
        source.connectionId());
    // the address is built here, not kept: it would cost every live instance its bytes
    instance
        .vertx()
        .eventBus()
        .publish(
            instance.host().addresses().state(instance.agentName(), instance.name()),
            frame.put("source", source.toString()));
    try {
      instance.agent().onStateUpdate(next, source);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "onStateUpdate of " + instance.agentName() + " failed", e);
    }
  }
}
