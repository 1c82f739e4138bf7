package dev.agentbus.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;

/**
 * What a before-hook knows of the request it judges: for a WebSocket upgrade or an HTTP request,
 * that request; for a message of the SockJS bridge, the request that opened the SockJS session.
 *
 * @param method the HTTP method ({@code GET} for upgrades and the bridge)
 * @param uri the request URI (path and query)
 * @param headers the request headers
 * @param remoteAddress the client's address
 */
public record HookRequest(
    String method, String uri, MultiMap headers, SocketAddress remoteAddress) {}
