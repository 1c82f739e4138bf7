package dev.agentbus;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * An HTTP request to an agent instance ({@code /<prefix>/<agent>/<name>[/sub-path]}).
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param subPath the path after the instance name, e.g. {@code /state}, or empty
 * @param query the raw query string (without {@code ?}), or empty
 * @param headers the request headers
 * @param body the request body (empty if none)
 */
public record AgentRequest(
    String method, String subPath, String query, MultiMap headers, Buffer body) {

  /** {@return the body as UTF-8 text} */
  public String bodyAsString() {
    return body.toString();
  }

  /** {@return the body parsed as a JSON object; throws {@code DecodeException} if it is not one} */
  public JsonObject bodyAsJson() {
    return body.toJsonObject();
  }

  /** {@return the last segment of the path (after the last {@code /}), or empty} */
  public String lastSegment() {
    int slash = subPath.lastIndexOf('/');
    return subPath.substring(slash + 1);
  }
}
