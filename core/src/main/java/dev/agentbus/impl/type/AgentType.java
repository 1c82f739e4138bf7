package dev.agentbus.impl.type;

import com.fasterxml.jackson.databind.JavaType;
import dev.agentbus.Agent;
import dev.agentbus.impl.json.JsonValues;
import dev.agentbus.impl.rpc.CallableTable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

/** What AgentBus knows about one agent class: its name, state type, factory and callables. */
public final class AgentType {

  private final String name;
  private final Class<?> agentClass;
  private final Supplier<? extends Agent<?>> factory;
  private final JavaType stateType;
  private final CallableTable callables;

  private AgentType(Class<?> agentClass, Supplier<? extends Agent<?>> factory) {
    this.agentClass = agentClass;
    this.name = AgentNames.of(agentClass);
    this.factory = factory != null ? factory : constructorOf(agentClass);
    JavaType[] bound =
        JsonValues.mapper().getTypeFactory().findTypeParameters(agentClass, Agent.class);
    this.stateType = bound.length == 1 ? bound[0] : JsonValues.mapper().constructType(Object.class);
    this.callables = CallableTable.of(agentClass);
  }

  /**
   * Inspects an agent class.
   *
   * @param agentClass the class
   * @param factory makes new objects of it, or {@code null} to use its no-argument constructor
   * @return its description
   * @throws IllegalArgumentException if the class cannot serve as an agent, with the reason
   */
  public static AgentType of(Class<?> agentClass, Supplier<? extends Agent<?>> factory) {
    if (!Agent.class.isAssignableFrom(agentClass)) {
      throw new IllegalArgumentException(agentClass.getName() + " does not extend Agent");
    }
    if (java.lang.reflect.Modifier.isAbstract(agentClass.getModifiers()) && factory == null) {
      throw new IllegalArgumentException(agentClass.getName() + " is abstract");
    }
    return new AgentType(agentClass, factory);
  }

  private static Supplier<? extends Agent<?>> constructorOf(Class<?> agentClass) {
    Constructor<?> constructor;
    try {
      constructor = agentClass.getDeclaredConstructor();
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          agentClass.getName()
              + " has no no-argument constructor; register it with a factory instead");
    }
    return () -> {
      try {
        return (Agent<?>) constructor.newInstance();
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException(cause);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** The agent's public name. */
  public String name() {
    return name;
  }

  /** The agent class. */
  public Class<?> agentClass() {
    return agentClass;
  }

  /** Makes a new agent object (call only while an instance is being activated). */
  public Agent<?> newAgent() {
    return factory.get();
  }

  /** The state type {@code S} of {@code Agent<S>} ({@code Object} if unbound). */
  public JavaType stateType() {
    return stateType;
  }

  /** The agent's callable methods. */
  public CallableTable callables() {
    return callables;
  }
}
