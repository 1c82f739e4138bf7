package dev.agentbus.gateway;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every property of the class {@code -Dagentbus.fuzz.tries=N} tries, when the system property
 * is set; without it each property keeps the tries its annotation gives (the suite's bound).
 */
public final class FuzzTries implements AroundPropertyHook {

  /** The system property. */
  static final String PROPERTY = "agentbus.fuzz.tries";

  /** Applies to the properties of the class it is added to. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.DIRECT_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    Integer tries = Integer.getInteger(PROPERTY);
    if (tries != null) {
      context.attributes().setTries(tries);
    }
    return property.execute();
  }
}
