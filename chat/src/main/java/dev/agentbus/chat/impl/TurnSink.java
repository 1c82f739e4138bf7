package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import dev.agentbus.chat.ChatReply;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The sink of one turn's reply: what the reply writes from its own thread is queued and handed to
 * the instance's context in batches, one {@code runOnInstance} task for whatever arrived since the
 * last one ran (not one task per token), in order. Calls after the end or a cancel are ignored.
 */
final class TurnSink implements ChatReply.Sink {

  /** A chunk, or the end (with its error, if any). */
  private record Event(JsonObject chunk, Throwable error) {}

  private static final Event END = new Event(null, null);

  private final Agent<?> agent;
  private final Consumer<JsonObject> onChunk;
  private final BiConsumer<Void, Throwable> onEnd;
  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final java.util.List<Runnable> onCancel =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean cancelled;

  /**
   * @param agent the instance
   * @param onChunk runs on the instance for each chunk
   * @param onEnd runs on the instance once, with the error or {@code null}
   */
  TurnSink(Agent<?> agent, Consumer<JsonObject> onChunk, BiConsumer<Void, Throwable> onEnd) {
    this.agent = agent;
    this.onChunk = onChunk;
    this.onEnd = onEnd;
  }

  @Override
  public void write(JsonObject chunk) {
    if (!ended.get()) {
      add(new Event(chunk, null));
    }
  }

  @Override
  public void end() {
    if (ended.compareAndSet(false, true)) {
      add(END);
    }
  }

  @Override
  public void fail(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      add(new Event(null, error));
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void onCancel(Runnable task) {
    onCancel.add(task);
    if (cancelled && onCancel.remove(task)) {
      task.run();
    }
  }

  /** Cancels the reply: later writes are dropped, the cancel tasks run on this thread. */
  void cancel() {
    ended.set(true);
    cancelled = true;
    for (Runnable task : onCancel) {
      if (onCancel.remove(task)) {
        task.run();
      }
    }
  }

  private void add(Event event) {
    events.add(event);
    if (scheduled.compareAndSet(false, true)) {
      agent.runOnInstance(this::drain);
    }
  }

  private void drain() {
    scheduled.set(false);
    for (Event event = events.poll(); event != null; event = events.poll()) {
      if (event.chunk() != null) {
        onChunk.accept(event.chunk());
      } else {
        onEnd.accept(null, event.error());
      }
    }
  }
}
