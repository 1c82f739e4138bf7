package dev.agentbus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an agent method that clients may call by name (an {@code rpc} frame, a bus message or
 * {@link AgentRef#call}). A method without this annotation is never reachable from outside,
 * whatever its visibility: a call to it is answered with {@code Method <m> is not callable}.
 *
 * <p>Arguments arrive as a JSON array and are mapped to the parameter types with Jackson; the
 * return value (a plain value, a {@link io.vertx.core.Future} or a {@link
 * java.util.concurrent.CompletionStage}) is mapped back to JSON. A {@code void} method, or one
 * returning {@code Future<Void>}, answers with no {@code result}.
 *
 * <p>A streaming method ({@code streaming = true}) takes a {@link StreamingResponse} as its first
 * parameter and answers through it: chunks, then one final value or one error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Callable {

  /** {@return a human-readable description, for tools that list an agent's methods} */
  String description() default "";

  /**
   * {@return whether the method answers with a stream of chunks through a {@link
   * StreamingResponse}}
   */
  boolean streaming() default false;
}
