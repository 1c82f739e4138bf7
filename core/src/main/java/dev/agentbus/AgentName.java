package dev.agentbus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an agent class an explicit public name instead of its class name in kebab-case. The name
 * appears in URLs ({@code /agents/<name>/<instance>}), bus addresses and the data directory, so it
 * must match {@code [a-z0-9]+(-[a-z0-9]+)*}; registration fails otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AgentName {

  /** {@return the agent's public name, e.g. {@code "counter"}} */
  String value();
}
