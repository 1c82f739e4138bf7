package dev.agentbus.gateway.impl;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** The gateway's own short answers (errors, preflights) and its CORS headers. */
final class PlainAnswers {

  private final boolean cors;

  PlainAnswers(boolean cors) {
    this.cors = cors;
  }

  /** Answers with a status and a plain-text body, unless the response has already ended. */
  void send(RoutingContext context, int status, String body) {
    HttpServerResponse response = context.response();
    if (response.ended()) {
      return;
    }
    addCors(response);
    response.setStatusCode(status);
    if (!body.isEmpty()) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
    }
    response.end(body);
  }

  /** Adds the CORS headers if the gateway answers cross-origin requests. */
  void addCors(HttpServerResponse response) {
    if (cors) {
      response
          .putHeader("Access-Control-Allow-Origin", "*")
          .putHeader("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS")
          .putHeader("Access-Control-Allow-Headers", "*")
          .putHeader("Access-Control-Max-Age", "86400");
    }
  }
}
