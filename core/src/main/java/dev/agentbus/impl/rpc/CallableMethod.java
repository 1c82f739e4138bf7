package dev.agentbus.impl.rpc;

import com.fasterxml.jackson.databind.JavaType;
import dev.agentbus.Callable;
import dev.agentbus.StreamingResponse;
import dev.agentbus.impl.json.JsonValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * One {@link Callable} method of an agent class: how to map JSON arguments to its parameters, how
 * to invoke it, and whether its answer carries a result.
 */
public final class CallableMethod {

  private final String name;
  private final boolean streaming;
  private final String description;
  private final JavaType[] parameterTypes;
  private final MethodHandle invoker;
  private final boolean answersWithResult;

  private CallableMethod(Method method, Callable annotation) {
    this.name = method.getName();
    this.streaming = annotation.streaming();
    this.description = annotation.description();
    Type[] generic = method.getGenericParameterTypes();
    int first = 0;
    if (streaming) {
      if (generic.length == 0 || method.getParameterTypes()[0] != StreamingResponse.class) {
        throw new IllegalArgumentException(
            "Streaming method "
                + describe(method)
                + " must take a StreamingResponse as its first parameter");
      }
      first = 1;
    }
    parameterTypes = new JavaType[generic.length - first];
    for (int i = first; i < generic.length; i++) {
      parameterTypes[i - first] = JsonValues.javaType(generic[i]);
    }
    try {
      method.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(method);
      invoker = handle.asType(handle.type().generic()).asSpreader(Object[].class, generic.length);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot access " + describe(method) + ": " + e, e);
    }
    answersWithResult = !returnsNothing(method);
  }

  /**
   * Reads a method's {@link Callable} annotation into a callable description.
   *
   * @param method an annotated method
   * @return its description
   * @throws IllegalArgumentException if the method is static or a streaming method lacks its {@link
   *     StreamingResponse} parameter
   */
  public static CallableMethod of(Method method) {
    if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
      throw new IllegalArgumentException(
          "@Callable method " + describe(method) + " must not be static");
    }
    return new CallableMethod(method, method.getAnnotation(Callable.class));
  }

  private static boolean returnsNothing(Method method) {
    Class<?> raw = method.getReturnType();
    if (raw == void.class || raw == Void.class) {
      return true;
    }
    if (Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)) {
      Type generic = method.getGenericReturnType();
      return generic instanceof ParameterizedType p
          && p.getActualTypeArguments().length == 1
          && p.getActualTypeArguments()[0] == Void.class;
    }
    return false;
  }

  private static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  /** The method name, as clients call it. */
  public String name() {
    return name;
  }

  /** Whether the method answers through a {@link StreamingResponse}. */
  public boolean streaming() {
    return streaming;
  }

  /** The annotation's description. */
  public String description() {
    return description;
  }

  /** Whether the answer carries a {@code result} (false for void and {@code Future<Void>}). */
  public boolean answersWithResult() {
    return answersWithResult;
  }

  /**
   * Maps JSON arguments to the parameters. Missing trailing arguments are {@code null}; extra ones
   * are ignored, as in JavaScript.
   *
   * @param args the JSON arguments
   * @param stream the stream of a streaming method, else ignored
   * @return the Java arguments, ready for {@link #invoke}
   * @throws IllegalArgumentException naming the argument that could not be mapped
   */
  public Object[] arguments(JsonArray args, StreamingResponse stream) {
    int offset = streaming ? 1 : 0;
    Object[] out = new Object[parameterTypes.length + offset];
    if (streaming) {
      out[0] = stream;
    }
    for (int i = 0; i < parameterTypes.length; i++) {
      JavaType type = parameterTypes[i];
      Object json = i < args.size() ? args.getValue(i) : null;
      if (json == null && type.isPrimitive()) {
        throw new IllegalArgumentException(
            "Missing argument " + (i + 1) + " of " + name + " (" + type.getRawClass() + ")");
      }
      try {
        out[i + offset] = JsonValues.fromJson(json, type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Argument "
                + (i + 1)
                + " of "
                + name
                + " cannot be read as "
                + type.getRawClass().getSimpleName()
                + ": "
                + json);
      }
    }
    return out;
  }

  /**
   * Invokes the method.
   *
   * @param agent the agent object
   * @param arguments from {@link #arguments}
   * @return what the method returned
   * @throws Throwable whatever the method threw
   */
  public Object invoke(Object agent, Object[] arguments) throws Throwable {
    return (Object) invoker.invokeExact(agent, arguments);
  }
}
