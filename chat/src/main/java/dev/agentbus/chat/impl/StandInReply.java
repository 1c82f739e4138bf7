package dev.agentbus.chat.impl;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the stand-in model answers to a conversation, by the rules of {@code docs/chat.md}:
 *
 * <ul>
 *   <li>the last message is a tool's result: {@code The time is <time>} in 4 deltas;
 *   <li>the last user message's text contains {@code time} (any case): a call of the tool {@code
 *       getTime} with the arguments {@code {}}, streamed in two pieces, the opening brace and the
 *       closing one;
 *   <li>it starts with {@code slow N D}: its echo in N deltas D ms apart (N clamped to 1..5000, D
 *       to 0..1000);
 *   <li>otherwise its echo in 20 deltas 5 ms apart.
 * </ul>
 *
 * @param deltas the text deltas, or the pieces of the tool call's arguments
 * @param pauseMs the pause between two deltas
 * @param toolCall the tool call the deltas are the arguments of, or {@code null} for a text reply
 */
record StandInReply(List<String> deltas, long pauseMs, ToolExecutionRequest toolCall) {

  /** The tool the stand-in calls when asked for the time. */
  static final String TIME_TOOL = "getTime";

  static final int DEFAULT_DELTAS = 20;
  static final long DEFAULT_PAUSE_MS = 5;
  static final int MAX_DELTAS = 5000;
  static final long MAX_PAUSE_MS = 1000;

  private static final int TIME_DELTAS = 4;
  private static final Pattern SLOW = Pattern.compile("slow (-?\\d+) (-?\\d+)(?=\\s|$)");

  /**
   * @param messages the conversation, oldest first
   * @return the stand-in's answer to it
   */
  static StandInReply to(List<ChatMessage> messages) {
    if (!messages.isEmpty() && messages.getLast() instanceof ToolExecutionResultMessage result) {
      return text(EchoSlices.of("The time is " + timeIn(result.text()), TIME_DELTAS));
    }
    String text = lastUserText(messages);
    if (text.toLowerCase(Locale.ROOT).contains("time")) {
      ToolExecutionRequest call =
          ToolExecutionRequest.builder()
              .id("call_" + UUID.randomUUID().toString().replace("-", ""))
              .name(TIME_TOOL)
              .arguments("{}")
              .build();
      return new StandInReply(List.of("{", "}"), DEFAULT_PAUSE_MS, call);
    }
    Matcher slow = SLOW.matcher(text);
    if (slow.lookingAt()) {
      int n = (int) clamp(slow.group(1), 1, MAX_DELTAS);
      long pauseMs = clamp(slow.group(2), 0, MAX_PAUSE_MS);
      return new StandInReply(EchoSlices.of(text, n), pauseMs, null);
    }
    return text(EchoSlices.of(text, DEFAULT_DELTAS));
  }

  private static StandInReply text(List<String> deltas) {
    return new StandInReply(deltas, DEFAULT_PAUSE_MS, null);
  }

  /** The last user message's text parts, joined; empty if there is none. */
  private static String lastUserText(List<ChatMessage> messages) {
    return UserMessage.findLast(messages)
        .map(
            user ->
                user.contents().stream()
                    .filter(TextContent.class::isInstance)
                    .map(TextContent.class::cast)
                    .map(TextContent::text)
                    .collect(Collectors.joining()))
        .orElse("");
  }

  /** The {@code time} of a {@code getTime} result ({@code {"time":"..."}}), else the whole text. */
  private static String timeIn(String result) {
    try {
      if (new JsonObject(result).getValue("time") instanceof String time) {
        return time;
      }
    } catch (DecodeException | ClassCastException e) {
      // a result of another shape is quoted as it is
    }
    return result;
  }

  private static long clamp(String digits, long min, long max) {
    BigInteger value = new BigInteger(digits);
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      return min;
    }
    return value.compareTo(BigInteger.valueOf(max)) > 0 ? max : value.longValue();
  }

  /** {@return whether this reply is a tool call rather than text} */
  boolean isToolCall() {
    return toolCall != null;
  }
}
