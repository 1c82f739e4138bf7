package dev.agentbus.chat;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records what a model hands its handler, as one line per callback ({@code text:Hel}, {@code
 * tool:0:call_1:getTime:<piece>}, {@code call:0:call_1:getTime:{}}, {@code complete:STOP}), with
 * when and on which kind of thread each came; {@link #done()} completes with the response or fails
 * with the error.
 */
final class RecordingHandler implements StreamingChatResponseHandler {

  /** One callback: what it said, when (System.nanoTime()), and whether on a virtual thread. */
  record Event(String line, long nanos, boolean virtual) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  private final Promise<ChatResponse> done = Promise.promise();
  private final Map<Integer, Promise<Void>> partials = new ConcurrentHashMap<>();
  private volatile int partialCount;
  volatile StreamingHandle handle;

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    handle = context.streamingHandle();
    partial("text:" + partial.text());
  }

  @Override
  public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
    handle = context.streamingHandle();
    partial(
        "tool:"
            + partial.index()
            + ":"
            + partial.id()
            + ":"
            + partial.name()
            + ":"
            + partial.partialArguments());
  }

  @Override
  public void onCompleteToolCall(CompleteToolCall call) {
    record(
        "call:"
            + call.index()
            + ":"
            + call.toolExecutionRequest().id()
            + ":"
            + call.toolExecutionRequest().name()
            + ":"
            + call.toolExecutionRequest().arguments());
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    record("complete:" + response.finishReason());
    done.complete(response);
  }

  @Override
  public void onError(Throwable error) {
    record("error:" + error.getMessage());
    done.fail(error);
  }

  private void partial(String line) {
    record(line);
    int count = ++partialCount; // callbacks of one reply come one after another
    partials.computeIfAbsent(count, n -> Promise.promise()).tryComplete();
  }

  private void record(String line) {
    events.add(new Event(line, System.nanoTime(), Thread.currentThread().isVirtual()));
  }

  /** {@return completes once the handler has received {@code count} partial callbacks} */
  Future<Void> partials(int count) {
    return partials.computeIfAbsent(count, n -> Promise.promise()).future();
  }

  /** {@return completes with the response, or fails with what reached onError} */
  Future<ChatResponse> done() {
    return done.future();
  }

  /** {@return the response, waiting for it up to 10 s} */
  ChatResponse response() throws TimeoutException {
    return done.future().await(10, TimeUnit.SECONDS);
  }

  /** {@return the error that reached onError, waiting for it up to 10 s} */
  Throwable error() throws InterruptedException, TimeoutException {
    try {
      done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("completed instead of failing: " + lines());
  }

  /** {@return whether every callback so far came on a virtual thread} */
  boolean allOnVirtualThreads() {
    return events.stream().allMatch(Event::virtual);
  }

  /** {@return every callback so far, as lines} */
  List<String> lines() {
    return events.stream().map(Event::line).toList();
  }

  /** {@return the text of every text delta, in order} */
  List<String> texts() {
    return lines().stream()
        .filter(line -> line.startsWith("text:"))
        .map(line -> line.substring(5))
        .toList();
  }
}
