package dev.agentbus.impl;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentRef;
import dev.agentbus.ConnectionContext;
import dev.agentbus.impl.instance.InstanceHost;
import dev.agentbus.impl.instance.InstanceKey;
import dev.agentbus.impl.instance.WakeOnMessage;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.type.AgentType;
import dev.agentbus.impl.warmup.RuntimeWarmUp;
import dev.agentbus.spi.ConnectionHub;
import dev.agentbus.spi.HttpExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The {@link AgentBus} of one node. */
public final class AgentBusImpl implements AgentBus {

  private final InstanceHost host;
  private final Map<String, AgentType> byName = new ConcurrentHashMap<>();
  private final Map<Class<?>, AgentType> byClass = new ConcurrentHashMap<>();
  private static final JsonObject TASKS_DUE = new JsonObject().put("type", Frames.TASKS_DUE);

  private final WakeOnMessage wakeOnMessage;
  private volatile Future<Void> closing;

  /**
   * @param vertx the Vert.x instance
   * @param options the options
   * @param clock the clock schedules follow
   */
  public AgentBusImpl(Vertx vertx, AgentBusOptions options, Clock clock) {
    this.host = new InstanceHost(vertx, options, clock);
    RuntimeWarmUp.run(vertx, host.dataDir()); // before any listener opens: see RuntimeWarmUp
    this.wakeOnMessage =
        new WakeOnMessage(
            host.directory(), byName::get, this::acceptableName, options.getAddressPrefix());
    vertx.eventBus().addOutboundInterceptor(wakeOnMessage);
    registerLocalCodec(vertx, HttpExchange.class);
    registerLocalCodec(vertx, ConnectionContext.class);
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
    return host.directory()
        .send(type, key.name(), TASKS_DUE, new DeliveryOptions(), new JsonObject());
  }

  private static <T> void registerLocalCodec(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // another AgentBus on the same Vert.x registered it
    }
  }

  private String acceptableName(String name) {
    try {
      return checkName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
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
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Instance name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "Instance name is not valid Unicode (lone surrogate at index " + i + ")");
      }
    }
    int max = host.options().getMaxNameBytes();
    if (name.length() <= max / 3) {
      return name; // at most 3 UTF-8 bytes per char: within the limit without encoding it
    }
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > max) {
      throw new IllegalArgumentException(
          "Instance name is "
              + bytes
              + " bytes long; the limit is "
              + host.options().getMaxNameBytes()
              + " (maxNameBytes)");
    }
    return name;
  }

  @Override
  public Future<JsonObject> request(
      String agentName, String name, JsonObject frame, JsonObject props) {
    return request(agentName, name, frame, new DeliveryOptions(), props)
        .map(reply -> (JsonObject) reply.body());
  }

  @Override
  public Future<Void> send(
      String agentName, String name, Object body, DeliveryOptions options, JsonObject props) {
    if (closing != null) {
      return Future.failedFuture(new IllegalStateException("AgentBus is closed"));
    }
    AgentType type;
    try {
      type = typeNamed(agentName);
      checkName(name);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return host.directory().send(type, name, body, options, props);
  }

  @Override
  public AgentBus setConnectionHub(ConnectionHub hub) {
    host.setConnectionHub(hub);
    return this;
  }

  @Override
  public Future<Message<Object>> request(
      String agentName, String name, Object frame, DeliveryOptions options, JsonObject props) {
    if (closing != null) {
      return Future.failedFuture(new IllegalStateException("AgentBus is closed"));
    }
    AgentType type;
    try {
      type = typeNamed(agentName);
      checkName(name);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    options.setSendTimeout(host.options().getCallTimeoutMs());
    return host.directory().request(type, name, frame, options, props);
  }

  Vertx vertx() {
    return host.vertx();
  }

  @Override
  public String address(String agentName, String name) {
    return host.address(agentName, name);
  }

  @Override
  public String stateAddress(String agentName, String name) {
    return host.stateAddress(agentName, name);
  }

  @Override
  public int liveInstances() {
    return host.directory().size();
  }

  @Override
  public Future<Void> hibernateIdle() {
    return host.directory().hibernateIdle(Long.MAX_VALUE);
  }

  @Override
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
                  });
    }
    return closing;
  }
}
