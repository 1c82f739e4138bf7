package dev.agentbus.impl.rpc;

import dev.agentbus.Callable;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The methods of an agent class that clients may call ({@code @Callable}), by name, and the names
 * of all its methods (to tell "not callable" from "does not exist"). Overloads are refused.
 */
public final class CallableTable {

  private final Map<String, CallableMethod> callables = new HashMap<>();
  private final Set<String> methodNames = new HashSet<>();

  private CallableTable() {}

  /**
   * Reads an agent class and its superclasses.
   *
   * @param agentClass the class
   * @return its table
   * @throws IllegalArgumentException if it has overloaded or malformed callable methods
   */
  public static CallableTable of(Class<?> agentClass) {
    CallableTable table = new CallableTable();
    table.read(agentClass);
    return table;
  }

  private void read(Class<?> agentClass) {
    for (Class<?> c = agentClass; c != null; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.isSynthetic() || method.isBridge()) {
          continue;
        }
        methodNames.add(method.getName());
        if (method.isAnnotationPresent(Callable.class)) {
          CallableMethod callable = CallableMethod.of(method);
          CallableMethod previous = callables.get(callable.name());
          if (previous != null && !overrides(method, c, agentClass)) {
            throw new IllegalArgumentException(
                "Overloaded @Callable methods are not supported: "
                    + agentClass.getSimpleName()
                    + "."
                    + method.getName());
          }
          callables.putIfAbsent(callable.name(), callable);
        }
      }
    }
  }

  private static boolean overrides(Method method, Class<?> declaring, Class<?> agentClass) {
    // A subclass's override was seen first; a superclass's copy of the same name is not an
    // overload when its parameter types are the same.
    if (declaring == agentClass) {
      return false;
    }
    for (Class<?> c = agentClass; c != declaring; c = c.getSuperclass()) {
      try {
        c.getDeclaredMethod(method.getName(), method.getParameterTypes());
        return true;
      } catch (NoSuchMethodException e) {
        // keep looking
      }
    }
    return false;
  }

  /**
   * @param method a method name
   * @return the callable method of that name, or {@code null}
   */
  public CallableMethod callable(String method) {
    return callables.get(method);
  }

  /**
   * @param method a method name
   * @return whether the class has a method of that name, callable or not
   */
  public boolean hasMethod(String method) {
    return methodNames.contains(method);
  }
}
