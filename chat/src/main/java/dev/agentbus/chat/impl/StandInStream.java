package dev.agentbus.chat.impl;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One stand-in reply on its way: a virtual thread hands each delta to the handler, the first at
 * once and each next one a pause later, then completes the response. Like a real model's stream,
 * its callbacks run on that thread, one after another, and a handler that takes its time delays the
 * rest. {@link #cancel()} (the handle every partial callback carries) stops it between two deltas;
 * nothing is called after that.
 */
final class StandInStream implements StreamingHandle {

  private final StandInReply reply;
  private final StreamingChatResponseHandler handler;
  private final Thread thread;
  private volatile boolean cancelled;

  private StandInStream(StandInReply reply, StreamingChatResponseHandler handler) {
    this.reply = reply;
    this.handler = handler;
    this.thread = Thread.ofVirtual().name("agentbus-standin").unstarted(this::run);
  }

  /**
   * Starts streaming a reply.
   *
   * @param reply what to stream
   * @param handler who gets it
   */
  static void start(StandInReply reply, StreamingChatResponseHandler handler) {
    new StandInStream(reply, handler).thread.start();
  }

  private void run() {
    try {
      for (int i = 0; i < reply.deltas().size(); i++) {
        if (i > 0) {
          pause();
        }
        if (cancelled) {
          return;
        }
        emit(reply.deltas().get(i));
      }
      if (!cancelled) {
        complete();
      }
    } catch (RuntimeException e) {
      if (!cancelled) {
        handler.onError(e);
      }
    }
  }

  /**
   * Waits {@code pauseMs}, or less if cancelled. Parking, not sleeping: {@link #cancel()} unparks
   * the thread, and a handler parked at that moment at worst wakes spuriously, which parking code
   * allows for; an interrupt would break a handler's own waiting.
   */
  private void pause() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reply.pauseMs());
    for (long left = deadline - System.nanoTime(); left > 0 && !cancelled; ) {
      LockSupport.parkNanos(this, left);
      left = deadline - System.nanoTime();
    }
  }

  private void emit(String delta) {
    if (reply.isToolCall()) {
      PartialToolCall partial =
          PartialToolCall.builder()
              .index(0)
              .id(reply.toolCall().id())
              .name(reply.toolCall().name())
              .partialArguments(delta)
              .build();
      handler.onPartialToolCall(partial, new PartialToolCallContext(this));
    } else {
      handler.onPartialResponse(new PartialResponse(delta), new PartialResponseContext(this));
    }
  }

  private void complete() {
    ChatResponse.Builder response = ChatResponse.builder().modelName(StandInModel.MODEL_NAME);
    if (reply.isToolCall()) {
      handler.onCompleteToolCall(new CompleteToolCall(0, reply.toolCall()));
      response
          .aiMessage(AiMessage.from(reply.toolCall()))
          .finishReason(FinishReason.TOOL_EXECUTION);
    } else {
      response.aiMessage(AiMessage.from(String.join("", reply.deltas())));
      response.finishReason(FinishReason.STOP);
    }
    handler.onCompleteResponse(response.build());
  }

  @Override
  public void cancel() {
    cancelled = true;
    LockSupport.unpark(thread);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }
}
