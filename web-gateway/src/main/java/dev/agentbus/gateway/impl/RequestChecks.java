package dev.agentbus.gateway.impl;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The requests a standalone gateway refuses before its router sees them: what the router would
 * answer with a stack trace in the log (a target that is not a path, a missing or invalid {@code
 * Host}, a bad percent-escape, a WebSocket handshake without its key or version), and what would
 * otherwise be served wrongly ({@code CONNECT}, a second {@code Host}, a body whose transfer coding
 * does not end in chunked, RFC 9112 section 6.3). Each gets a 4xx and one line at DEBUG.
 */
final class RequestChecks {

  private static final System.Logger LOG = System.getLogger(RequestChecks.class.getName());

  /** The WebSocket versions Netty's handshake speaks (RFC 6455 is 13). */
  private static final Set<String> WEBSOCKET_VERSIONS = Set.of("13", "8", "7");

  private record Refusal(int status, String body, boolean close) {}

  private RequestChecks() {}

  /**
   * Answers a request the gateway refuses.
   *
   * @param request a request as it arrives, before routing
   * @return true if the request was refused (and answered), false if it may be routed
   */
  static boolean refused(HttpServerRequest request) {
    Refusal refusal = check(request);
    if (refusal == null) {
      return false;
    }
    LOG.log(
        Level.DEBUG,
        () -> "Refused " + refusal.status() + " " + request.method() + ": " + refusal.body());
    HttpServerResponse response =
        request
            .response()
            .setStatusCode(refusal.status())
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
    if (refusal.status() == 426) {
      response.putHeader(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
    }
    if (refusal.close()) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    response.end(refusal.body());
    return true;
  }

  private static @Nullable Refusal check(HttpServerRequest request) {
    String path = request.path();
    if (path == null || !path.startsWith("/") || request.method() == HttpMethod.CONNECT) {
      return new Refusal(400, "Bad request: the target must be a path", false);
    }
    if (GatewayPaths.hasBadEscape(path)) {
      return new Refusal(400, "Bad request: the path has an invalid percent-escape", false);
    }
    List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
    if (hosts.size() > 1) {
      return new Refusal(400, "Bad request: more than one Host header", false);
    }
    if (hosts.isEmpty() ? request.version() != HttpVersion.HTTP_1_0 : request.authority() == null) {
      return new Refusal(400, "Bad request: a missing or invalid Host header", false);
    }
    String codings = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
    if (codings != null && !endsInChunked(codings)) {
      return new Refusal(400, "Bad request: the transfer coding does not end in chunked", true);
    }
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
      String version = request.getHeader(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
      if (version == null || !WEBSOCKET_VERSIONS.contains(version.trim())) {
        return new Refusal(426, "Upgrade required: WebSocket version 13", false);
      }
      String key = request.getHeader(HttpHeaderNames.SEC_WEBSOCKET_KEY);
      if (key == null || key.isBlank()) {
        return new Refusal(400, "Bad request: the WebSocket handshake has no key", false);
      }
    }
    return null;
  }

  private static boolean endsInChunked(String codings) {
    int comma = codings.lastIndexOf(',');
    return codings.substring(comma + 1).trim().equalsIgnoreCase("chunked");
  }
}
