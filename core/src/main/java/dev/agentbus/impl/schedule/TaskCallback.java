package dev.agentbus.impl.schedule;

import com.fasterxml.jackson.databind.JavaType;
import dev.agentbus.Agent;
import dev.agentbus.impl.json.JsonValues;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent method a schedule or queued task calls back: found by name on the agent class (any
 * visibility, not static, not one of {@link Agent}'s own), taking nothing, the payload, or the
 * payload and the task ({@code Schedule} or {@code QueuedTask}).
 */
final class TaskCallback {

  /** Per agent class; a {@code ClassValue} does not keep an unloaded application's classes. */
  private static final ClassValue<Map<String, TaskCallback>> CACHE =
      new ClassValue<>() {
        @Override
        protected Map<String, TaskCallback> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private final String name;
  private final Class<?> taskType;
  private final JavaType payloadType;
  private final int arity;
  private final MethodHandle invoker;

  private TaskCallback(Method method) {
    this.name = method.getName();
    this.arity = method.getParameterCount();
    this.payloadType =
        arity == 0 ? null : JsonValues.javaType(method.getGenericParameterTypes()[0]);
    this.taskType = arity == 2 ? method.getParameterTypes()[1] : null;
    try {
      method.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(method);
      invoker = handle.asType(handle.type().generic()).asSpreader(Object[].class, arity);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot call back " + describe(method) + ": " + e, e);
    }
  }

  /**
   * Finds the callback of an agent class.
   *
   * @param agentClass the agent class
   * @param name the method name
   * @param taskType the type of the optional second parameter ({@code Schedule} or {@code
   *     QueuedTask})
   * @return the callback
   * @throws IllegalArgumentException if there is no such method, several, or its parameters do not
   *     fit
   */
  static TaskCallback find(Class<?> agentClass, String name, Class<?> taskType) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A callback must name a method of the agent");
    }
    Map<String, TaskCallback> known = CACHE.get(agentClass);
    TaskCallback callback = known.get(name);
    if (callback == null) {
      callback = new TaskCallback(method(agentClass, name));
      known.put(name, callback);
    }
    if (callback.taskType != null && !callback.taskType.isAssignableFrom(taskType)) {
      throw new IllegalArgumentException(
          "Callback "
              + agentClass.getSimpleName()
              + "."
              + name
              + " takes a "
              + callback.taskType.getSimpleName()
              + " as its second parameter; here it would receive a "
              + taskType.getSimpleName());
    }
    return callback;
  }

  private static Method method(Class<?> agentClass, String name) {
    List<Method> found = new ArrayList<>();
    for (Class<?> c = agentClass; c != null && c != Agent.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals(name)
            && !method.isSynthetic()
            && !method.isBridge()
            && found.stream().noneMatch(m -> sameSignature(m, method))) {
          found.add(method);
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "Agent " + agentClass.getSimpleName() + " has no method '" + name + "' to call back");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          "Callback "
              + agentClass.getSimpleName()
              + "."
              + name
              + " is overloaded; a callback must be the only method of its name");
    }
    Method method = found.get(0);
    if (Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException("Callback " + describe(method) + " must not be static");
    }
    if (method.getParameterCount() > 2) {
      throw new IllegalArgumentException(
          "Callback "
              + describe(method)
              + " must take no parameter, the payload, or the payload and the task");
    }
    return method;
  }

  private static boolean sameSignature(Method a, Method b) {
    return java.util.Arrays.equals(a.getParameterTypes(), b.getParameterTypes());
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  /** The method name. */
  String name() {
    return name;
  }

  /**
   * Checks that a payload can be handed to the method.
   *
   * @param payload the payload as JSON
   * @throws IllegalArgumentException if Jackson cannot map it to the parameter's type
   */
  void checkPayload(Object payload) {
    if (payloadType == null) {
      return;
    }
    if (payload == null) {
      if (payloadType.isPrimitive()) {
        throw new IllegalArgumentException(
            "Callback " + name + " takes a " + payloadType.getRawClass() + "; the payload is null");
      }
      return;
    }
    try {
      JsonValues.fromJson(payload, payloadType);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Payload cannot be read as "
              + payloadType.getRawClass().getSimpleName()
              + " by callback "
              + name
              + ": "
              + e.getMessage());
    }
  }

  /**
   * Calls the method.
   *
   * @param agent the agent object
   * @param payload the payload as JSON
   * @param task the schedule or queued task
   * @return what the method returned
   * @throws Throwable what it threw
   */
  Object invoke(Object agent, Object payload, Object task) throws Throwable {
    Object[] arguments =
        switch (arity) {
          case 0 -> new Object[0];
          case 1 -> new Object[] {JsonValues.fromJson(payload, payloadType)};
          default -> new Object[] {JsonValues.fromJson(payload, payloadType), task};
        };
    return (Object) invoker.invokeExact(agent, arguments);
  }
}
