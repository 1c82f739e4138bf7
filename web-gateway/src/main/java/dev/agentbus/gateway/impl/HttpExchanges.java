package dev.agentbus.gateway.impl;

import dev.agentbus.AgentRequest;
import dev.agentbus.gateway.AgentTarget;
import dev.agentbus.gateway.GatewayOptions;
import dev.agentbus.spi.GatewayEvent;
import dev.agentbus.spi.HttpExchange;
import dev.agentbus.spi.InstanceChannel;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's HTTP requests to instances: reads the body within {@code maxMessageBytes}, sets the
 * deadline ({@code requestTimeoutMs}, which covers reading the body too, so no request waits
 * forever), and hands the instance an {@link HttpExchange} whose responder writes the answer.
 */
final class HttpExchanges {

  private final Vertx vertx;
  private final GatewayOptions options;
  private final PlainAnswers plain;

  HttpExchanges(Vertx vertx, GatewayOptions options, PlainAnswers plain) {
    this.vertx = vertx;
    this.options = options;
    this.plain = plain;
  }

  /** Serves a request whose target was accepted; the request is paused. */
  void serve(RoutingContext context, AgentTarget target, InstanceChannel channel) {
    HttpServerRequest request = context.request();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLong(length) > options.getMaxMessageBytes()) {
      plain.send(context, 413, "Request body too large");
      return;
    }
    plain.addCors(context.response());
    Deadline deadline = new Deadline(context);
    request.resume();
    request
        .body()
        .onFailure(e -> deadline.answer(400, "Cannot read the request body: " + e.getMessage()))
        .onSuccess(body -> dispatch(context, target, channel, body, deadline));
  }

  private void dispatch(
      RoutingContext context,
      AgentTarget target,
      InstanceChannel channel,
      Buffer body,
      Deadline deadline) {
    if (body.length() > options.getMaxMessageBytes()) {
      deadline.answer(413, "Request body too large");
      return;
    }
    HttpServerRequest request = context.request();
    HttpResponder responder =
        new HttpResponder(
            context.response(),
            vertx.getOrCreateContext(),
            options.getSsePingIntervalMs(),
            options.getStreamBufferBytes(),
            deadline::answered);
    AgentRequest agentRequest =
        new AgentRequest(
            request.method().name(),
            target.subPath(),
            request.query() == null ? "" : request.query(),
            request.headers(), // read-only once the request is parsed; no copy per request
            body);
    channel
        .deliver(new GatewayEvent.Http(new HttpExchange(agentRequest, responder)))
        .onFailure(e -> deadline.answer(500, "Agent unavailable"));
  }

  /** One request's deadline: whoever answers first (the agent, an error, the timer) wins. */
  private final class Deadline {
    private final RoutingContext context;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long timer;

    Deadline(RoutingContext context) {
      this.context = context;
      this.timer =
          vertx.setTimer(
              options.getRequestTimeoutMs(), id -> answer(504, "The agent did not answer in time"));
    }

    /** The agent's response has begun: the deadline no longer applies. */
    void answered() {
      answered.set(true);
      vertx.cancelTimer(timer);
    }

    /** Answers with an error, unless someone answered first. */
    void answer(int status, String body) {
      if (answered.compareAndSet(false, true)) {
        vertx.cancelTimer(timer);
        plain.send(context, status, body);
      }
    }
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
