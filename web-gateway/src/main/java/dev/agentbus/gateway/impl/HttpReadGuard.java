package dev.agentbus.gateway.impl;

import dev.agentbus.gateway.GatewayOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Times how a client sends its requests on one HTTP/1.x connection, which Vert.x does not: a
 * request's head must arrive within {@code headerTimeoutMs} of its first byte (of the connection's
 * opening, for the first request), a body may not fall silent for longer than {@code
 * bodyTimeoutMs}, a connection between requests is closed after {@code keepAliveTimeoutMs}, and a
 * WebSocket upgrade request is accepted or refused within {@code upgradeTimeoutMs}. A client late
 * in its request gets 408, a late upgrade 503, then the connection closes. It also answers a body
 * whose chunked encoding is broken with 400, where Vert.x closes the connection without a word.
 *
 * <p>Two Netty handlers share this state, all on the connection's event loop: one first in the
 * pipeline sees bytes arrive; one in front of Vert.x's handler sees the requests decoded and the
 * responses going out. A response being written is never timed (a stream may run for hours), nor is
 * a WebSocket: from its 101 on, the gateway's pings watch it.
 */
final class HttpReadGuard {

  private static final System.Logger LOG = System.getLogger(HttpReadGuard.class.getName());

  private enum Phase {
    /** Waiting for a request's head; {@code begun} tells whether a byte of it has arrived. */
    HEAD,
    /** Reading a request's body. */
    BODY,
    /** The request is read; waiting for its response to end (timed only for an upgrade). */
    ANSWER,
    /** Between requests. */
    IDLE,
    /** No longer timed: a WebSocket, or closing. */
    DONE
  }

  private final long headerNanos;
  private final long bodyNanos;
  private final long keepAliveNanos;
  private final long upgradeNanos;
  private ChannelHandlerContext first;
  private Phase phase = Phase.HEAD;
  private boolean begun;
  private boolean pipelined;
  private boolean upgrade;
  private boolean responseBegun;
  private int unanswered;
  private long lastRead = System.nanoTime();
  private ScheduledFuture<?> timer;

  private HttpReadGuard(GatewayOptions options) {
    this.headerNanos = TimeUnit.MILLISECONDS.toNanos(options.getHeaderTimeoutMs());
    this.bodyNanos = TimeUnit.MILLISECONDS.toNanos(options.getBodyTimeoutMs());
    this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(options.getKeepAliveTimeoutMs());
    this.upgradeNanos = TimeUnit.MILLISECONDS.toNanos(options.getUpgradeTimeoutMs());
  }

  /**
   * Guards a new connection, before its first byte is read.
   *
   * @param vertxHandler the context of Vert.x's handler in the connection's pipeline
   * @param options the gateway's options
   */
  static void install(ChannelHandlerContext vertxHandler, GatewayOptions options) {
    HttpReadGuard guard = new HttpReadGuard(options);
    ChannelPipeline pipeline = vertxHandler.pipeline();
    pipeline.addFirst("agentbus-read-bytes", guard.new Bytes());
    pipeline.addBefore(vertxHandler.name(), "agentbus-read-messages", guard.new Messages());
  }

  /** Sees the bytes as they arrive. */
  private final class Bytes extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      first = ctx;
      schedule(headerNanos);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
        read();
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      phase = Phase.DONE;
      cancel();
      ctx.fireChannelInactive();
    }
  }

  /** Sees the decoded requests and the responses going out. */
  private final class Messages extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (phase != Phase.DONE) {
        if (msg instanceof HttpRequest request) {
          requestHead(request);
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
          ReferenceCountUtil.release(msg);
          refuse(
              400,
              "Bad Request",
              "Bad request: the body's chunked encoding is broken",
              String.valueOf(content.decoderResult().cause()));
          return;
        }
        if (msg instanceof LastHttpContent) {
          bodyEnd();
        }
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (phase != Phase.DONE && !isInterim(msg)) {
        if (msg instanceof HttpResponse response) {
          responseHead(response);
        }
        if (msg instanceof LastHttpContent) {
          responseEnd();
        }
      }
      ctx.write(msg, promise);
    }
  }

  /** An informational response (100 Continue, 103): the final one follows. */
  private static boolean isInterim(Object msg) {
    if (msg instanceof HttpResponse response) {
      int code = response.status().code();
      return code >= 100 && code < 200 && code != 101;
    }
    return false;
  }

  private void read() {
    lastRead = System.nanoTime();
    switch (phase) {
      case HEAD -> begun = true;
      case IDLE -> {
        phase = Phase.HEAD;
        begun = true;
        schedule(headerNanos);
      }
      case ANSWER -> pipelined = true;
      default -> {}
    }
  }

  private void requestHead(HttpRequest request) {
    unanswered++;
    phase = Phase.BODY;
    begun = false;
    pipelined = false;
    responseBegun = false;
    upgrade =
        HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(
            request.headers().get(HttpHeaderNames.UPGRADE, ""));
    schedule(bodyNanos);
  }

  private void bodyEnd() {
    if (phase != Phase.BODY) {
      return;
    }
    if (unanswered == 0) {
      awaitNext(); // answered before its body ended (413)
    } else if (upgrade && !responseBegun) {
      phase = Phase.ANSWER;
      schedule(upgradeNanos);
    } else {
      phase = Phase.ANSWER;
      cancel();
    }
  }

  private void responseHead(HttpResponse response) {
    if (response.status().code() == 101) {
      phase = Phase.DONE;
      cancel();
      return;
    }
    responseBegun = true;
    if (phase == Phase.ANSWER) {
      cancel();
    }
  }

  private void responseEnd() {
    unanswered = Math.max(0, unanswered - 1);
    if (unanswered == 0 && phase == Phase.ANSWER) {
      awaitNext();
    }
  }

  /** The connection has answered every request it read: the next one may come. */
  private void awaitNext() {
    if (pipelined) {
      phase = Phase.HEAD;
      begun = true;
      schedule(headerNanos);
    } else {
      phase = Phase.IDLE;
      schedule(keepAliveNanos);
    }
  }

  private void expired() {
    timer = null;
    switch (phase) {
      case HEAD -> {
        if (begun) {
          answer(408, "Request Timeout", "Request timeout: the head came too slowly", "head");
        } else {
          close("it sent no request");
        }
      }
      case BODY -> bodyExpired();
      case ANSWER -> {
        if (!responseBegun) {
          answer(
              503,
              "Service Unavailable",
              "The WebSocket upgrade was not decided in time",
              "upgrade undecided");
        }
      }
      case IDLE -> close("it was idle");
      default -> {}
    }
  }

  private void bodyExpired() {
    long now = System.nanoTime();
    if (!first.channel().config().isAutoRead()) {
      lastRead = now; // Vert.x stopped reading: the silence is the gateway's, not the client's
      schedule(bodyNanos);
    } else if (now - lastRead < bodyNanos) {
      schedule(bodyNanos - (now - lastRead));
    } else {
      refuse(408, "Request Timeout", "Request timeout: the body stopped coming", "body stopped");
    }
  }

  /** Answers the request being read and closes, or only closes if an answer is on its way. */
  private void refuse(int status, String reason, String body, String why) {
    if (responseBegun || unanswered > 1) {
      close(why);
    } else {
      answer(status, reason, body, why);
    }
  }

  /**
   * Answers with a status and closes, bypassing Vert.x, whose request may be half read. Logs one
   * line at DEBUG: a client's error is not the server's.
   */
  private void answer(int status, String reason, String body, String why) {
    phase = Phase.DONE;
    cancel();
    LOG.log(
        Level.DEBUG, () -> "Answered " + status + " and closed " + first.channel() + ": " + why);
    String response =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
            + body.length()
            + "\r\nconnection: close\r\n\r\n"
            + body;
    first
        .writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.US_ASCII))
        .addListener(ChannelFutureListener.CLOSE);
  }

  private void close(String why) {
    phase = Phase.DONE;
    cancel();
    LOG.log(Level.DEBUG, () -> "Closed " + first.channel() + ": " + why);
    first.close();
  }

  private void schedule(long nanos) {
    cancel();
    timer = first.executor().schedule(this::expired, nanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
