package dev.agentbus.impl;

import dev.agentbus.AgentRef;
import dev.agentbus.impl.json.JsonValues;
import io.vertx.core.Future;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/** Turns calls on a typed stub interface into {@link AgentRef#call}s. */
final class StubHandler implements InvocationHandler {

  private final AgentRef ref;

  StubHandler(AgentRef ref) {
    this.ref = ref;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    if (method.getDeclaringClass() == Object.class) {
      return switch (method.getName()) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "Stub of " + ref;
      };
    }
    Future<Object> call = ref.call(method.getName(), args == null ? new Object[0] : args);
    if (Future.class.isAssignableFrom(method.getReturnType())) {
      Type resultType =
          method.getGenericReturnType() instanceof ParameterizedType p
              ? p.getActualTypeArguments()[0]
              : Object.class;
      return call.map(result -> JsonValues.fromJson(result, JsonValues.javaType(resultType)));
    }
    Object result = call.await();
    if (method.getReturnType() == void.class) {
      return null;
    }
    return JsonValues.fromJson(result, JsonValues.javaType(method.getGenericReturnType()));
  }
}
