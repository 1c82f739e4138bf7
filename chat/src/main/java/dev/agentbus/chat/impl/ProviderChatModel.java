package dev.agentbus.chat.impl;

import dev.agentbus.chat.NodeChatModel;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real provider's LangChain4j model with a name, whose errors reach the handler as {@link
 * dev.agentbus.chat.ChatModelException}s that say which model failed and why ({@link ModelErrors}).
 * The handler hears at most one end, {@code onCompleteResponse} or {@code onError}, and nothing
 * after it or after it cancelled the stream. Everything else passes through unchanged.
 */
final class ProviderChatModel implements NodeChatModel {

  private final String name;
  private final long timeoutMs;
  private final StreamingChatModel model;

  ProviderChatModel(String name, long timeoutMs, StreamingChatModel model) {
    this.name = name;
    this.timeoutMs = timeoutMs;
    this.model = model;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isStandIn() {
    return false;
  }

  @Override
  public void chat(
      ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
    model.chat(request, options, new NamingErrors(handler));
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return model.defaultRequestParameters();
  }

  @Override
  public ModelProvider provider() {
    return model.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return model.supportedCapabilities();
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Hands every callback on as it came until the first end, and the error as one with a clear
   * message.
   */
  private final class NamingErrors implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler handler;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean midReply;
    private volatile Cancelling cancelling;

    NamingErrors(StreamingChatResponseHandler handler) {
      this.handler = handler;
    }

    /**
     * The stream's handle as the handler sees it: cancelling it also ends the call here, so that
     * the error the model reports as its stream is closed is not handed on.
     */
    private StreamingHandle cancelling(StreamingHandle handle) {
      Cancelling made = cancelling;
      if (made == null || made.handle != handle) {
        made = new Cancelling(handle, ended);
        cancelling = made;
      }
      return made;
    }

    /** {@return whether a piece of the reply may be handed on: not after the end} */
    private boolean stillOpen() {
      midReply = true;
      return !ended.get();
    }

    @Override
    public void onPartialResponse(String partialResponse) {
      if (stillOpen()) {
        handler.onPartialResponse(partialResponse);
      }
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
      if (stillOpen()) {
        handler.onPartialResponse(
            partial, new PartialResponseContext(cancelling(context.streamingHandle())));
      }
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
      if (stillOpen()) {
        handler.onPartialThinking(partialThinking);
      }
    }

    @Override
    public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
      if (stillOpen()) {
        handler.onPartialThinking(
            partial, new PartialThinkingContext(cancelling(context.streamingHandle())));
      }
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
      if (stillOpen()) {
        handler.onPartialToolCall(partialToolCall);
      }
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext context) {
      if (stillOpen()) {
        handler.onPartialToolCall(
            partial, new PartialToolCallContext(cancelling(context.streamingHandle())));
      }
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
      if (stillOpen()) {
        handler.onCompleteToolCall(completeToolCall);
      }
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
      if (!ended.get()) {
        handler.onUnmappedRawEvent(rawEvent);
      }
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      if (ended.compareAndSet(false, true)) {
        handler.onCompleteResponse(completeResponse);
      }
    }

    @Override
    public void onError(Throwable error) {
      if (ended.compareAndSet(false, true)) {
        handler.onError(ModelErrors.describe(name, error, timeoutMs, midReply));
      }
    }
  }

  /** A stream's handle whose cancel also marks the call ended. */
  private record Cancelling(StreamingHandle handle, AtomicBoolean ended)
      implements StreamingHandle {

    @Override
    public void cancel() {
      ended.set(true);
      handle.cancel();
    }

    @Override
    public boolean isCancelled() {
      return handle.isCancelled();
    }
  }
}
