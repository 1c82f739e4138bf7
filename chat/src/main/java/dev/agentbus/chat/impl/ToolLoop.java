package dev.agentbus.chat.impl;

import dev.agentbus.chat.ChatReply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
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
import dev.langchain4j.model.output.FinishReason;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reply from a LangChain4j model with tools, as UI-message chunks: each model step streams {@code
 * start-step}, its text ({@code text-*}), reasoning ({@code reasoning-*}) and tool calls ({@code
 * tool-input-start}, {@code -delta}, {@code -available}), then the server tools it called run on
 * the instance ({@code tool-output-available} or {@code -error}), {@code finish-step}, and the next
 * step gets their results, until the model answers without tools, calls a client tool or one that
 * needs approval ({@code tool-approval-request}), or {@link #MAX_STEPS} steps. Cancelling stops the
 * model's stream and the loop.
 */
public final class ToolLoop {

  /** Most model steps in one turn. */
  public static final int MAX_STEPS = 10;

  private final StreamingChatModel model;
  private final List<ChatMessage> conversation;
  private final AgentTools tools;
  private final ChatReply.Sink sink;
  private int step;
  private volatile StreamingHandle handle;

  private ToolLoop(
      StreamingChatModel model,
      List<ChatMessage> conversation,
      AgentTools tools,
      ChatReply.Sink sink) {
    this.model = model;
    this.conversation = new ArrayList<>(conversation);
    this.tools = tools;
    this.sink = sink;
  }

  /**
   * Starts a reply.
   *
   * @param model the model
   * @param conversation the conversation ({@link UiMessages#conversation}); the calls the user
   *     approved that have not run yet run first
   * @param tools the tools the model may call
   * @param sink where the chunks go
   */
  public static void start(
      StreamingChatModel model,
      UiMessages.Conversation conversation,
      AgentTools tools,
      ChatReply.Sink sink) {
    ToolLoop loop = new ToolLoop(model, conversation.messages(), tools, sink);
    sink.onCancel(loop::cancel);
    sink.write(new JsonObject().put("type", "start").put("messageId", Ids.newId()));
    Thread.ofVirtual()
        .name("agentbus-chat-tools")
        .start(
            () -> {
              try {
                for (ToolExecutionRequest call : conversation.approved()) {
                  loop.conversation.add(loop.runServerTool(call));
                }
                loop.nextStep();
              } catch (RuntimeException e) {
                sink.fail(e);
              }
            });
  }

  private void cancel() {
    StreamingHandle current = handle;
    if (current != null) {
      current.cancel();
    }
  }

  private void nextStep() {
    if (sink.isCancelled()) {
      return;
    }
    step++;
    sink.write(new JsonObject().put("type", "start-step"));
    ChatRequest.Builder request = ChatRequest.builder().messages(conversation);
    if (!tools.specifications().isEmpty()) {
      request.toolSpecifications(tools.specifications());
    }
    model.chat(request.build(), new Step());
  }

  /** Runs a server tool and streams its result; {@return the result, for the model} */
  private ToolExecutionResultMessage runServerTool(ToolExecutionRequest call) {
    try {
      Object output = tools.run(call.name(), call.arguments() == null ? "" : call.arguments());
      sink.write(
          new JsonObject()
              .put("type", "tool-output-available")
              .put("toolCallId", call.id())
              .put("output", output));
      return ToolExecutionResultMessage.from(call, io.vertx.core.json.Json.encode(output));
    } catch (RuntimeException e) {
      String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      sink.write(
          new JsonObject()
              .put("type", "tool-output-error")
              .put("toolCallId", call.id())
              .put("errorText", error));
      return ToolExecutionResultMessage.from(call, "Error: " + error);
    }
  }

  /** What one model step streams; its callbacks come one after another. */
  private final class Step implements StreamingChatResponseHandler {
    private final Set<Integer> started = new HashSet<>();
    private final Set<String> available = new HashSet<>();
    private final List<String> toolIds = new ArrayList<>();
    private boolean textOpen;
    private boolean reasoningOpen;

    private String id(char kind) {
      return kind + String.valueOf(step);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext c) {
      handle = c.streamingHandle();
      onPartialResponse(partial.text());
    }

    @Override
    public synchronized void onPartialResponse(String text) {
      if (text == null || text.isEmpty() || sink.isCancelled()) {
        return;
      }
      closeReasoning();
      if (!textOpen) {
        sink.write(new JsonObject().put("type", "text-start").put("id", id('t')));
        textOpen = true;
      }
      sink.write(new JsonObject().put("type", "text-delta").put("id", id('t')).put("delta", text));
    }

    @Override
    public void onPartialThinking(PartialThinking partial, PartialThinkingContext c) {
      handle = c.streamingHandle();
      onPartialThinking(partial);
    }

    @Override
    public synchronized void onPartialThinking(PartialThinking partial) {
      if (partial.text() == null || partial.text().isEmpty() || sink.isCancelled()) {
        return;
      }
      if (!reasoningOpen) {
        sink.write(new JsonObject().put("type", "reasoning-start").put("id", id('r')));
        reasoningOpen = true;
      }
      sink.write(
          new JsonObject()
              .put("type", "reasoning-delta")
              .put("id", id('r'))
              .put("delta", partial.text()));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partial, PartialToolCallContext c) {
      handle = c.streamingHandle();
      onPartialToolCall(partial);
    }

    @Override
    public synchronized void onPartialToolCall(PartialToolCall partial) {
      if (sink.isCancelled()) {
        return;
      }
      closeText();
      if (started.add(partial.index())) {
        toolIds.add(partial.id());
        sink.write(
            new JsonObject()
                .put("type", "tool-input-start")
                .put("toolCallId", partial.id())
                .put("toolName", partial.name()));
      }
      if (partial.partialArguments() != null && !partial.partialArguments().isEmpty()) {
        sink.write(
            new JsonObject()
                .put("type", "tool-input-delta")
                .put("toolCallId", partial.id())
                .put("inputTextDelta", partial.partialArguments()));
      }
    }

    @Override
    public synchronized void onCompleteToolCall(CompleteToolCall complete) {
      available(complete.toolExecutionRequest());
    }

    private void available(ToolExecutionRequest call) {
      if (available.add(call.id())) {
        closeText();
        sink.write(
            new JsonObject()
                .put("type", "tool-input-available")
                .put("toolCallId", call.id())
                .put("toolName", call.name())
                .put("input", UiMessages.input(call.arguments())));
      }
    }

    private void closeText() {
      if (textOpen) {
        sink.write(new JsonObject().put("type", "text-end").put("id", id('t')));
        textOpen = false;
      }
    }

    private void closeReasoning() {
      if (reasoningOpen) {
        sink.write(new JsonObject().put("type", "reasoning-end").put("id", id('r')));
        reasoningOpen = false;
      }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      synchronized (this) {
        closeReasoning();
        closeText();
      }
      // the tools run on a thread that may wait, whatever thread the model calls back on
      Thread.ofVirtual().name("agentbus-chat-tools").start(() -> afterStep(response));
    }

    @Override
    public void onError(Throwable error) {
      sink.fail(error);
    }

    private void afterStep(ChatResponse response) {
      try {
        AiMessage ai = response.aiMessage();
        List<ToolExecutionRequest> calls =
            ai != null && ai.hasToolExecutionRequests() ? ai.toolExecutionRequests() : List.of();
        boolean stop = calls.isEmpty() || step >= MAX_STEPS;
        List<ChatMessage> results = new ArrayList<>();
        for (ToolExecutionRequest call : calls) {
          synchronized (this) {
            available(call);
          }
          if (sink.isCancelled()) {
            return;
          }
          if (tools.isServerTool(call.name()) && tools.needsApproval(call.name())) {
            sink.write(
                new JsonObject()
                    .put("type", "tool-approval-request")
                    .put("approvalId", "ap_" + call.id())
                    .put("toolCallId", call.id()));
            stop = true;
          } else if (tools.isServerTool(call.name())) {
            results.add(runServerTool(call));
          } else if (tools.isClientTool(call.name())) {
            stop = true;
          } else {
            sink.write(
                new JsonObject()
                    .put("type", "tool-output-error")
                    .put("toolCallId", call.id())
                    .put("errorText", "Unknown tool " + call.name()));
            results.add(
                ToolExecutionResultMessage.from(call, "Error: unknown tool " + call.name()));
          }
        }
        sink.write(new JsonObject().put("type", "finish-step"));
        if (stop) {
          sink.write(
              new JsonObject()
                  .put("type", "finish")
                  .put(
                      "messageMetadata",
                      new JsonObject().put("finishReason", finishReason(response.finishReason()))));
          sink.end();
          return;
        }
        conversation.add(ai);
        conversation.addAll(results);
        nextStep();
      } catch (RuntimeException e) {
        sink.fail(e);
      }
    }
  }

  /** The AI SDK's name of a LangChain4j finish reason. */
  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason) {
      case STOP -> "stop";
      case LENGTH -> "length";
      case TOOL_EXECUTION -> "tool-calls";
      case CONTENT_FILTER -> "content-filter";
      default -> "other";
    };
  }
}
