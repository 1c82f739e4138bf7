package dev.agentbus;

import io.vertx.core.MultiMap;

/**
 * What the client sent when it connected: the part of the path after the instance name, the query
 * string and the headers of the upgrade request.
 *
 * @param subPath the path after {@code /<prefix>/<agent>/<name>}, e.g. {@code /chat}, or empty
 * @param query the raw query string (without {@code ?}), or empty
 * @param headers the request headers
 */
public record ConnectionContext(String subPath, String query, MultiMap headers) {}
