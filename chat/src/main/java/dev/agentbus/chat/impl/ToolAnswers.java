package dev.agentbus.chat.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The page's answers to tool calls (docs/protocol.md, "Tools"): a {@code cf_agent_tool_result} or
 * {@code cf_agent_tool_approval} settles the call's part, in the reply streaming or in the
 * transcript; the changed message goes to every socket as {@code cf_agent_message_updated}, and
 * with {@code autoContinue} a continuation is scheduled.
 */
final class ToolAnswers {

  private final ChatTurns turns;

  ToolAnswers(ChatTurns turns) {
    this.turns = turns;
  }

  /** A {@code cf_agent_tool_result} (its {@code toolCallId} is a string). */
  void result(String senderId, JsonObject frame) {
    if (frame.getValue("clientTools") instanceof JsonArray tools) {
      turns.clientTools = ChatSession.objects(tools);
    }
    answer(senderId, frame, (part, f) -> ToolParts.applyResult(part, f));
  }

  /** A {@code cf_agent_tool_approval} ({@code toolCallId} a string, {@code approved} a boolean). */
  void approval(String senderId, JsonObject frame) {
    boolean approved = frame.getBoolean("approved");
    answer(senderId, frame, (part, f) -> ToolParts.applyApproval(part, approved));
  }

  private void answer(
      String senderId, JsonObject frame, BiPredicate<JsonObject, JsonObject> apply) {
    String callId = frame.getString("toolCallId");
    JsonObject changed = null;
    ReplyBuilder streaming = turns.streaming();
    JsonObject part = streaming == null ? null : ToolParts.find(streaming.live(), callId);
    if (part != null) {
      if (apply.test(part, frame)) {
        changed = streaming.message();
      }
    } else {
      List<JsonObject> messages = turns.transcript.messages();
      for (int i = messages.size() - 1; i >= 0 && changed == null; i--) {
        JsonObject message = messages.get(i);
        JsonObject stored = ToolParts.find(message, callId);
        if (stored != null) {
          if (apply.test(stored, frame)) {
            turns.transcript.saveReply(message);
            changed = message;
          }
          break;
        }
      }
    }
    if (changed == null) {
      return;
    }
    turns.agent.broadcast(ChatFrames.messageUpdated(changed), turns.resumes.excluded());
    if (Boolean.TRUE.equals(frame.getValue("autoContinue"))) {
      turns.continuations.schedule(senderId);
    }
  }
}
