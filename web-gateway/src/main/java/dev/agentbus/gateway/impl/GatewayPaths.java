package dev.agentbus.gateway.impl;

import dev.agentbus.gateway.AgentTarget;
import org.jspecify.annotations.Nullable;

/**
 * Reads the instance a request path names: {@code /<prefix>/<agent>/<name>[/<sub-path>]}. The
 * router matches {@code //agents/...} (from a client whose base path has a leading slash) as {@code
 * /agents/...}, and so does this: only the leading slashes fold, the rest stays raw.
 */
final class GatewayPaths {

  private final String routePrefix;

  /**
   * @param prefix the gateway's path prefix, e.g. {@code agents}
   */
  GatewayPaths(String prefix) {
    this.routePrefix = "/" + prefix + "/";
  }

  /**
   * Whether a raw path has a {@code %} not followed by two hexadecimal digits (which the router
   * cannot decode).
   *
   * @param path a request's raw path, or {@code null}
   * @return true if it has such an escape
   */
  static boolean hasBadEscape(@Nullable String path) {
    if (path == null) {
      return false;
    }
    for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
      if (i + 2 >= path.length()
          || Character.digit(path.charAt(i + 1), 16) < 0
          || Character.digit(path.charAt(i + 2), 16) < 0) {
        return true;
      }
    }
    return false;
  }

  /** The route pattern the gateway mounts. */
  String route() {
    return routePrefix + "*";
  }

  /**
   * @param path the request's raw path, which the router matched to {@link #route()}
   * @return the target, or {@code null} if the agent or the name part is missing
   */
  @Nullable AgentTarget target(String path) {
    int leadingSlashes = 0;
    while (leadingSlashes + 1 < path.length() && path.charAt(leadingSlashes + 1) == '/') {
      leadingSlashes++;
    }
    int start = leadingSlashes + routePrefix.length();
    if (start > path.length()) {
      return null;
    }
    String rest = path.substring(start);
    int slash = rest.indexOf('/');
    String agent = slash < 0 ? rest : rest.substring(0, slash);
    String afterAgent = slash < 0 ? "" : rest.substring(slash + 1);
    int nameEnd = afterAgent.indexOf('/');
    String name = nameEnd < 0 ? afterAgent : afterAgent.substring(0, nameEnd);
    String subPath = nameEnd < 0 ? "" : afterAgent.substring(nameEnd);
    if (agent.isEmpty() || name.isEmpty()) {
      return null;
    }
    return new AgentTarget(agent, name, subPath);
  }
}
