package dev.agentbus.agents;

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
import java.util.UUID;

/**
 * The demo assistant's two slash commands, in front of the node's model, so that the page can show
 * a client tool and an approval without a real model: {@code /locate} calls the page's tool {@code
 * getLocation}, {@code /delete <name>} calls the server tool {@code deleteFile}, which needs the
 * user's approval; once the tool has answered, the reply quotes its result. Every other
 * conversation goes to the model unchanged.
 */
final class DemoCommands implements StreamingChatModel {

  private final StreamingChatModel model;

  DemoCommands(StreamingChatModel model) {
    this.model = model;
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.isEmpty() ? null : messages.getLast();
    String command = UserMessage.findLast(messages).map(DemoCommands::text).orElse("");
    if (last instanceof ToolExecutionResultMessage result && isCommand(command)) {
      Thread.ofVirtual()
          .start(() -> answer(handler, result.toolName() + " said: " + result.text()));
    } else if (last instanceof UserMessage && command.startsWith("/locate")) {
      Thread.ofVirtual().start(() -> call(handler, "getLocation", "{}"));
    } else if (last instanceof UserMessage && command.startsWith("/delete ")) {
      String name = command.substring("/delete ".length()).trim().replace("\"", "");
      Thread.ofVirtual().start(() -> call(handler, "deleteFile", "{\"name\":\"" + name + "\"}"));
    } else {
      model.chat(request, handler);
    }
  }

  private static boolean isCommand(String text) {
    return text.startsWith("/locate") || text.startsWith("/delete ");
  }

  private static String text(UserMessage user) {
    return user.hasSingleText() ? user.singleText().trim() : "";
  }

  private static void call(StreamingChatResponseHandler handler, String tool, String arguments) {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
            .name(tool)
            .arguments(arguments)
            .build();
    handler.onPartialToolCall(
        PartialToolCall.builder()
            .index(0)
            .id(call.id())
            .name(tool)
            .partialArguments(arguments)
            .build());
    handler.onCompleteToolCall(new CompleteToolCall(0, call));
    handler.onCompleteResponse(
        ChatResponse.builder()
            .aiMessage(AiMessage.from(call))
            .finishReason(FinishReason.TOOL_EXECUTION)
            .build());
  }

  private static void answer(StreamingChatResponseHandler handler, String text) {
    handler.onPartialResponse(text);
    handler.onCompleteResponse(
        ChatResponse.builder()
            .aiMessage(AiMessage.from(text))
            .finishReason(FinishReason.STOP)
            .build());
  }
}
