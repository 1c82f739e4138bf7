package dev.agentbus.gateway.impl;

import dev.agentbus.AgentResponse;
import dev.agentbus.ResponseStream;
import dev.agentbus.StreamCancelledException;
import dev.agentbus.spi.HttpExchange;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes an agent's answer to an HTTP response. Every operation runs on the request's context (an
 * agent calls from its own virtual thread); a stream write waits while the client's connection is
 * congested ({@code writeQueueFull}) until it drains, so the producer runs at the client's pace,
 * and throws {@link StreamCancelledException} once the client has gone away.
 */
final class HttpResponder implements HttpExchange.Responder {

  private final HttpServerResponse response;
  private final Context context;
  private final long ssePingIntervalMs;
  private final int streamBufferBytes;
  private final Runnable onAnswered;

  HttpResponder(
      HttpServerResponse response,
      Context context,
      long ssePingIntervalMs,
      int streamBufferBytes,
      Runnable onAnswered) {
    this.response = response;
    this.context = context;
    this.ssePingIntervalMs = ssePingIntervalMs;
    this.streamBufferBytes = streamBufferBytes;
    this.onAnswered = onAnswered;
  }

  @Override
  public void respond(AgentResponse answer) {
    context.runOnContext(
        ignored -> {
          onAnswered.run();
          if (response.ended() || response.closed()) {
            return;
          }
          response.setStatusCode(answer.status());
          response.headers().addAll(answer.headers());
          response.end(answer.body());
        });
  }

  @Override
  public ResponseStream open(AgentResponse answer) {
    Stream stream = new Stream(answer.isEventStream());
    context.runOnContext(
        ignored -> {
          onAnswered.run();
          if (response.ended() || response.closed()) {
            stream.open = false;
            return;
          }
          response.setStatusCode(answer.status());
          response.headers().addAll(answer.headers());
          response.setChunked(true);
          response.setWriteQueueMaxSize(streamBufferBytes);
          response.closeHandler(closed -> stream.open = false);
          response.writeHead();
          if (answer.isEventStream() && ssePingIntervalMs > 0) {
            stream.pingTimer =
                context
                    .owner()
                    .setPeriodic(
                        ssePingIntervalMs,
                        id -> {
                          if (stream.open) {
                            response.write(": ping\n\n");
                          } else {
                            context.owner().cancelTimer(id);
                          }
                        });
          }
        });
    return stream;
  }

  private final class Stream implements ResponseStream {
    private final boolean events;
    private volatile boolean open = true;
    private volatile long pingTimer = -1;

    Stream(boolean events) {
      this.events = events;
    }

    @Override
    public void write(String text) {
      send(events ? eventData(null, text) : text);
    }

    @Override
    public void event(String event, String data) {
      send(eventData(event, data));
    }

    private void send(String chunk) {
      if (!open) {
        throw new StreamCancelledException(
            response.closed() ? "The HTTP client went away" : "The response has ended");
      }
      Promise<Void> written = Promise.promise();
      context.runOnContext(
          ignored -> {
            if (!open || response.closed()) {
              open = false;
              written.complete();
              return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
              response.drainHandler(drained -> written.tryComplete());
              response.closeHandler(
                  closed -> {
                    open = false;
                    written.tryComplete();
                  });
            } else {
              written.complete();
            }
          });
      await(written.future());
    }

    @Override
    public void end() {
      if (!open) {
        return;
      }
      open = false;
      context.runOnContext(
          ignored -> {
            if (pingTimer >= 0) {
              context.owner().cancelTimer(pingTimer);
            }
            if (!response.ended() && !response.closed()) {
              response.end();
            }
          });
    }

    @Override
    public boolean isOpen() {
      return open;
    }
  }

  private static void await(Future<Void> future) {
    if (Thread.currentThread().isVirtual()) {
      future.await();
    }
  }

  private static String eventData(String event, String data) {
    StringBuilder out = new StringBuilder(data.length() + 16);
    if (event != null) {
      out.append("event: ").append(event).append('\n');
    }
    for (String line : data.split("\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString();
  }
}
