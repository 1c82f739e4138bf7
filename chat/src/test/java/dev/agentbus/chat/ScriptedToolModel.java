package dev.agentbus.chat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.util.List;

/**
 * A model for tool tests, on a virtual thread: after a tool's result it answers {@code Tool said:
 * <result>}; to a user text {@code call <tool>} it calls that tool (arguments {@code
 * {"path":"a.txt"}}, streamed in one piece); to anything else it answers {@code ok}.
 */
final class ScriptedToolModel implements StreamingChatModel {

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    Thread.ofVirtual().start(() -> answer(request.messages(), handler));
  }

  private static void answer(List<ChatMessage> messages, StreamingChatResponseHandler handler) {
    ChatMessage last = messages.getLast();
    String text = "ok";
    if (last instanceof ToolExecutionResultMessage result) {
      text = "Tool said: " + result.text();
    } else if (last instanceof UserMessage user && user.singleText().startsWith("call ")) {
      ToolExecutionRequest call =
          ToolExecutionRequest.builder()
              .id("call_" + messages.size())
              .name(user.singleText().substring(5).trim())
              .arguments("{\"path\":\"a.txt\"}")
              .build();
      handler.onPartialToolCall(
          PartialToolCall.builder()
              .index(0)
              .id(call.id())
              .name(call.name())
              .partialArguments(call.arguments())
              .build());
      handler.onCompleteToolCall(new CompleteToolCall(0, call));
      handler.onCompleteResponse(
          ChatResponse.builder()
              .aiMessage(AiMessage.from(call))
              .finishReason(FinishReason.TOOL_EXECUTION)
              .build());
      return;
    }
    handler.onPartialResponse(text);
    handler.onCompleteResponse(
        ChatResponse.builder()
            .aiMessage(AiMessage.from(text))
            .finishReason(FinishReason.STOP)
            .build());
  }
}
