package dev.agentbus.impl.node;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes event-loop contexts that belong to no deployment, with Vert.x's public API only: {@link
 * Vertx#getOrCreateContext()} called from a thread that Vert.x does not own returns a new
 * event-loop context. The runtime deploys instances from such a context (deployed from an agent's
 * context, an instance would become that agent's child and be undeployed with it) and runs its
 * scheduler on one.
 */
public final class DetachedContext {

  private DetachedContext() {}

  /**
   * @param vertx the Vert.x instance
   * @param purpose what the context is for (names the short-lived thread that creates it)
   * @return a new event-loop context, tied to no deployment
   */
  public static Context create(Vertx vertx, String purpose) {
    AtomicReference<Context> made = new AtomicReference<>();
    Thread maker =
        Thread.ofPlatform()
            .name("agentbus-" + purpose)
            .start(() -> made.set(vertx.getOrCreateContext()));
    try {
      maker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the " + purpose + " context", e);
    }
    return made.get();
  }
}
