package dev.agentbus.impl.rpc;

import dev.agentbus.StreamCancelledException;
import dev.agentbus.StreamingResponse;
import dev.agentbus.impl.json.JsonValues;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamingResponse} that turns chunks and the end into {@code rpc} frames for its {@link
 * RpcReplies}, waits while they cannot take more, and learns from them (or from {@link
 * OpenStreams}) that its client went away.
 */
final class BusStreamingResponse implements StreamingResponse {

  private final String id;
  private final RpcReplies replies;
  private final OpenStreams registry;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Promise<Void> cancelSignal = Promise.promise();
  private volatile @Nullable String cancelReason;

  BusStreamingResponse(String id, RpcReplies replies, OpenStreams registry) {
    this.id = id;
    this.replies = replies;
    this.registry = registry;
  }

  /** {@return the key of the connection it answers, or {@code null}} */
  @Nullable String connectionKey() {
    return replies.connectionKey();
  }

  @Override
  public void send(@Nullable Object chunk) {
    String reason = cancelReason;
    if (reason != null) {
      throw new StreamCancelledException(reason);
    }
    if (closed.get()) {
      throw new IllegalStateException("The stream of call " + id + " is already closed");
    }
    Future<Void> ready = replies.chunk(Frames.result(id, JsonValues.toJson(chunk), true, false));
    if (!ready.isComplete()) {
      // wakes when the sink is ready or has failed, or when the stream is cancelled meanwhile
      Promise<Void> woken = Promise.promise();
      ready.onComplete(ignored -> woken.tryComplete());
      cancelSignal.future().onComplete(ignored -> woken.tryComplete());
      waitFor(woken.future());
    }
    if (ready.failed()) {
      cancel(ready.cause().getMessage());
    }
    if (cancelReason != null) {
      throw new StreamCancelledException(cancelReason);
    }
  }

  /**
   * Waits for the client to take more. On the agent's own context this is an await (the instance
   * may take other messages meanwhile, and the acknowledgements of bus streams arrive on that
   * context); another thread blocks; an event loop cannot wait, and sends on.
   */
  private static void waitFor(Future<?> ready) {
    Context context = Vertx.currentContext();
    try {
      if (context != null && context.threadingModel() == ThreadingModel.VIRTUAL_THREAD) {
        ready.await();
      } else if (!Context.isOnEventLoopThread()) {
        ready.toCompletionStage().toCompletableFuture().join();
      }
    } catch (RuntimeException e) {
      // a failure is read from the future by the caller
    }
  }

  @Override
  public void end(@Nullable Object finalValue) {
    if (closed.compareAndSet(false, true)) {
      registry.remove(this);
      replies.last(Frames.result(id, JsonValues.toJson(finalValue), finalValue != null, true));
    }
  }

  @Override
  public void error(String message) {
    if (closed.compareAndSet(false, true)) {
      registry.remove(this);
      replies.last(Frames.error(id, message));
    }
  }

  /**
   * Cancels the stream: the next {@link #send} throws, and the call's turn ends now.
   *
   * @param reason what {@link StreamCancelledException} will say
   */
  void cancel(@Nullable String reason) {
    if (cancelReason == null) {
      cancelReason = reason == null ? "The client of call " + id + " went away" : reason;
    }
    cancelSignal.tryComplete();
    if (closed.compareAndSet(false, true)) {
      registry.remove(this);
      replies.cancelled();
    }
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public boolean isCancelled() {
    return cancelReason != null || (!closed.get() && replies.clientGone());
  }
}
