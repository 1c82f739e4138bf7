package dev.agentbus.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Runs before a WebSocket upgrade or an HTTP request reaches an agent: it may refuse it (the agent
 * is never activated) or let it through.
 */
@FunctionalInterface
public interface BeforeHook {

  /**
   * @param target the addressed instance
   * @param request the request (headers, query, remote address)
   * @return a future of {@code null} to let the request through, or of a {@link Rejection}
   */
  Future<Rejection> check(AgentTarget target, HttpServerRequest request);
}
