package dev.agentbus.gateway;

import io.vertx.core.Future;

/**
 * Runs before a WebSocket upgrade, an HTTP request or a SockJS bridge message reaches an agent: it
 * may refuse it (the agent is never activated) or let it through.
 */
@FunctionalInterface
public interface BeforeHook {

  /**
   * Judges a request before it reaches the agent.
   *
   * @param target the addressed instance
   * @param request the request (headers, URI, remote address)
   * @return a future of {@code null} to let the request through, or of a {@link Rejection}
   */
  Future<Rejection> check(AgentTarget target, HookRequest request);
}
