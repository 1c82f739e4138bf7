package dev.agentbus.impl;

import dev.agentbus.Addresses;
import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentRef;
import dev.agentbus.impl.instance.InstanceHost;
import dev.agentbus.impl.instance.LocalChannel;
import dev.agentbus.impl.instance.WakeOnMessage;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.type.AgentType;
import dev.agentbus.impl.type.InstanceNames;
import dev.agentbus.impl.warmup.RuntimeWarmUp;
import dev.agentbus.spi.AgentHost;
import dev.agentbus.spi.ConnectionHub;
import dev.agentbus.spi.InstanceChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The runtime of one node, with both of its faces: {@link AgentBus} for application code and {@link
 * AgentHost} for gateways. Tests reach the node's controls ({@link #hibernateIdle()}, {@link
 * #fireDueSchedules()}) through {@code dev.agentbus.testkit.AgentTestKit}.
 */
public final class AgentBusImpl implements AgentBus, AgentHost {

  private static final JsonObject TASKS_DUE = new JsonObject().put("type", Frames.TASKS_DUE);

  private final InstanceHost host;
  private final InstanceNames names;
  private final Map<String, AgentType> byName = new ConcurrentHashMap<>();
  private final Map<Class<?>, AgentType> byClass = new ConcurrentHashMap<>();
  private final WakeOnMessage wakeOnMessage;
  private volatile Future<Void> closing;

  /**
   * @param vertx the Vert.x instance
   * @param options the options
   * @param clock the clock schedules follow
   */
  public AgentBusImpl(Vertx vertx, AgentBusOptions options, Clock clock) {
    this.host = new InstanceHost(vertx, options, clock);
    this.names = new InstanceNames(host.options().getMaxNameBytes());
    RuntimeWarmUp.run(vertx, host.dataDir()); // before any listener opens: see RuntimeWarmUp
    this.wakeOnMessage =
        new WakeOnMessage(host.directory(), byName::get, names::acceptable, host.addresses());
    vertx.eventBus().addOutboundInterceptor(wakeOnMessage);
    host.directory().start();
    host.scheduler().start(this::fireTasks);
  }

  /**
   * Sends the scheduler's due message to an instance, waking it through the message path. No
   * answer: the instance reports its next times to the scheduler itself.
   */
  private Future<?> fireTasks(InstanceKey key) {
    AgentType type = byName.get(key.agent());
    if (type == null) {
      return null;
    }
    return host.directory().send(type, key, TASKS_DUE, new JsonObject());
  }

  @Override
  public AgentBus register(Class<? extends Agent<?>> agentClass) {
    return add(AgentType.of(agentClass, null));
  }

  @Override
  public <A extends Agent<?>> AgentBus register(
      Class<A> agentClass, Supplier<? extends A> factory) {
    return add(AgentType.of(agentClass, factory));
  }

  private AgentBus add(AgentType type) {
    AgentType previous = byName.putIfAbsent(type.name(), type);
    if (previous != null) {
      throw new IllegalArgumentException(
          "Agent name '"
              + type.name()
              + "' of "
              + type.agentClass().getName()
              + " is already taken by "
              + previous.agentClass().getName());
    }
    byClass.put(type.agentClass(), type);
    host.scheduler().agentRegistered(type.name());
    return this;
  }

  @Override
  public Set<String> agentNames() {
    return Set.copyOf(byName.keySet());
  }

  @Override
  public boolean hasAgent(String agentName) {
    return byName.containsKey(agentName);
  }

  @Override
  public AgentRef get(Class<? extends Agent<?>> agentClass, String name) {
    AgentType type = byClass.get(agentClass);
    if (type == null) {
      throw new IllegalArgumentException(agentClass.getName() + " is not registered");
    }
    return new AgentRefImpl(this, type.name(), checkName(name), new JsonObject());
  }

  @Override
  public AgentRef get(String agentName, String name) {
    return new AgentRefImpl(this, typeNamed(agentName).name(), checkName(name), new JsonObject());
  }

  private AgentType typeNamed(String agentName) {
    AgentType type = byName.get(agentName);
    if (type == null) {
      throw new IllegalArgumentException("Unknown agent: " + agentName);
    }
    return type;
  }

  @Override
  public String checkName(String name) {
    return names.check(name);
  }

  @Override
  public Addresses addresses() {
    return host.addresses();
  }

  @Override
  public InstanceChannel channel(String agentName, String name, JsonObject props) {
    return new LocalChannel(host.directory(), typeNamed(agentName), checkName(name), props);
  }

  @Override
  public void setConnectionHub(ConnectionHub hub) {
    host.setConnectionHub(hub);
  }

  /**
   * Sends a frame to an instance over the event bus, activating or waking it first, and returns the
   * answer frame. What {@link AgentRef} uses.
   *
   * @param agentName the agent's public name
   * @param name the instance name, already checked
   * @param frame the frame
   * @param headers headers of the message (not changed)
   * @param props start-up properties, used if this activates the instance
   * @return the answer frame
   */
  Future<JsonObject> request(
      String agentName, String name, JsonObject frame, DeliveryOptions headers, JsonObject props) {
    if (closing != null) {
      return Future.failedFuture(new IllegalStateException("AgentBus is closed"));
    }
    DeliveryOptions options =
        new DeliveryOptions(headers).setSendTimeout(host.options().getCallTimeoutMs());
    return host.directory()
        .request(typeNamed(agentName), name, frame, options, props)
        .map(reply -> (JsonObject) reply.body());
  }

  Vertx vertx() {
    return host.vertx();
  }

  @Override
  public int liveInstances() {
    return host.directory().size();
  }

  /**
   * Hibernates every idle live instance now, as if their idle time had passed.
   *
   * @return completes when they have hibernated
   */
  public Future<Void> hibernateIdle() {
    return host.directory().hibernateIdle(Long.MAX_VALUE);
  }

  /**
   * Fires every schedule and queued task due by the clock now, and completes once their runs have
   * ended, including runs of tasks they queued or that fell due meanwhile.
   *
   * @return completes when the node has no due task left and no run in progress
   */
  public Future<Void> fireDueSchedules() {
    if (closing != null) {
      return Future.failedFuture(new IllegalStateException("AgentBus is closed"));
    }
    return host.scheduler().fireDue();
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      host.vertx().eventBus().removeOutboundInterceptor(wakeOnMessage);
      host.scheduler().stop();
      closing =
          host.directory()
              .close()
              .andThen(
                  ignored -> {
                    host.scheduler().close();
                    host.sqlite().close();
                    host.releaseDataDirectory();
                  });
    }
    return closing;
  }
}
