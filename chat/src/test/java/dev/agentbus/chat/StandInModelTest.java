package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stand-in model, rule by rule as the chat issue fixes them: {@code time} calls the tool {@code
 * getTime} and its result is answered in 4 deltas; any other text is echoed in 20 deltas 5 ms
 * apart, or N deltas D ms apart after {@code slow N D} (clamped), repeated and sliced by the rule,
 * with {@code (empty)} for no text; the first delta at once.
 */
@ExtendWith(VertxExtension.class)
class StandInModelTest {

  private NodeChatModel model;

  @BeforeEach
  void createModel(Vertx vertx) {
    model = NodeChatModel.create(vertx, new ChatModelOptions());
  }

  private RecordingHandler ask(List<ChatMessage> messages) {
    RecordingHandler handler = new RecordingHandler();
    model.chat(ChatRequest.builder().messages(messages).build(), handler);
    return handler;
  }

  private RecordingHandler ask(String text) {
    return ask(List.of(UserMessage.from(text)));
  }

  @Test
  void itIsTheDefaultAndSaysWhatItIs() {
    assertTrue(model.isStandIn());
    assertEquals("AgentBus stand-in model (no model configured)", model.name());
  }

  @Test
  void aTextIsEchoedInTwentySlicesByDefault() throws Exception {
    RecordingHandler handler = ask("Hello, stand-in!"); // 16 characters: repeated once

    ChatResponse response = handler.response();

    String full = "Hello, stand-in! Hello, stand-in!";
    assertEquals(slices(full, 20), handler.texts());
    assertEquals(full, response.aiMessage().text());
    assertEquals(FinishReason.STOP, response.finishReason());
    assertEquals("complete:STOP", handler.lines().getLast());
    assertTrue(handler.allOnVirtualThreads(), "callbacks on virtual threads: " + handler.events);
  }

  @Test
  void aTextLongerThanTheDeltasIsSlicedWithoutRepeating() throws Exception {
    String text = "The quick brown fox jumps over the lazy dog";

    RecordingHandler handler = ask(text);
    handler.response();

    assertEquals(slices(text, 20), handler.texts());
    assertEquals(text, String.join("", handler.texts()));
  }

  @Test
  void defaultDeltasComeFiveMillisecondsApart() throws Exception {
    RecordingHandler handler = ask("paced");
    handler.response();

    List<RecordingHandler.Event> deltas = deltaEvents(handler);
    assertEquals(20, deltas.size());
    assertTrue(millisBetween(deltas.getFirst(), deltas.getLast()) >= 19 * 5 - 1);
  }

  @Test
  void anEmptyTextIsEchoedAsEmptyInParentheses() throws Exception {
    RecordingHandler handler = ask("");
    handler.response();

    assertEquals(slices(repeat("(empty)", 20), 20), handler.texts());
    assertEquals("(empty) (empty) (empty)", String.join("", handler.texts()));
  }

  @Test
  void noUserMessageCountsAsAnEmptyText() throws Exception {
    RecordingHandler handler = ask(List.of(SystemMessage.from("You are terse.")));

    assertEquals("(empty) (empty) (empty)", handler.response().aiMessage().text());
  }

  @Test
  void theLastUserMessagesTextPartsAreJoined() throws Exception {
    List<ChatMessage> messages =
        List.of(
            UserMessage.from("an earlier question"),
            AiMessage.from("an earlier answer"),
            UserMessage.from(TextContent.from("slow 2 0 "), TextContent.from("two parts")));

    RecordingHandler handler = ask(messages);
    handler.response();

    assertEquals(List.of("slow 2 0 ", "two parts"), handler.texts());
  }

  @Test
  void slowSetsTheNumberOfDeltasAndThePauseBetweenThem() throws Exception {
    RecordingHandler handler = ask("slow 4 60 abcdefgh");
    handler.response();

    assertEquals(List.of("slow", " 4 60", " abc", "defgh"), handler.texts());
    List<RecordingHandler.Event> deltas = deltaEvents(handler);
    for (int i = 1; i < deltas.size(); i++) {
      assertTrue(millisBetween(deltas.get(i - 1), deltas.get(i)) >= 59);
    }
  }

  @Test
  void theFirstDeltaGoesOutAtOnce() throws Exception {
    long asked = System.nanoTime();
    RecordingHandler handler = ask("slow 2 1000 first at once, second a second later");

    handler.partials(1).await(10, TimeUnit.SECONDS);
    long firstMs = (deltaEvents(handler).getFirst().nanos() - asked) / 1_000_000;
    handler.response();

    assertTrue(firstMs < 500, "the first delta came after " + firstMs + " ms");
    long secondMs = millisBetween(deltaEvents(handler).get(0), deltaEvents(handler).get(1));
    assertTrue(secondMs >= 999, "the second came " + secondMs + " ms after the first");
  }

  @Test
  void slowClampsTheNumberOfDeltasToOneAndFiveThousand() throws Exception {
    RecordingHandler none = ask("slow 0 0 x");
    RecordingHandler negative = ask("slow -7 0 x");
    RecordingHandler tooMany = ask("slow 99999999999999999999 0 x");

    assertEquals(List.of("slow 0 0 x"), textsOf(none));
    assertEquals(List.of("slow -7 0 x"), textsOf(negative));
    assertEquals(5000, textsOf(tooMany).size());
    assertEquals(slices(repeat("slow 99999999999999999999 0 x", 5000), 5000), textsOf(tooMany));
  }

  @Test
  void slowClampsThePauseToAtMostOneSecond() throws Exception {
    RecordingHandler handler = ask("slow 2 5000 capped");
    handler.partials(1).await(10, TimeUnit.SECONDS);
    handler.response();

    long pauseMs = millisBetween(deltaEvents(handler).get(0), deltaEvents(handler).get(1));
    assertTrue(pauseMs >= 999 && pauseMs < 3000, "paused " + pauseMs + " ms");
  }

  @Test
  void slowCountsOnlyAtTheStartOfTheText() throws Exception {
    RecordingHandler handler = ask("not slow 2 0");
    handler.response();

    assertEquals(20, handler.texts().size());
  }

  @Test
  void askingForTheTimeCallsGetTimeWithEmptyArgumentsInTwoPieces() throws Exception {
    RecordingHandler handler = ask("What TIME is it?");
    ChatResponse response = handler.response();

    ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
    String id = call.id();
    assertEquals(
        List.of(
            "tool:0:" + id + ":getTime:{",
            "tool:0:" + id + ":getTime:}",
            "call:0:" + id + ":getTime:{}",
            "complete:TOOL_EXECUTION"),
        handler.lines());
    assertEquals("getTime", call.name());
    assertEquals("{}", call.arguments());
    assertEquals(FinishReason.TOOL_EXECUTION, response.finishReason());
  }

  @Test
  void eachTimeCallHasItsOwnId() throws Exception {
    String first = ask("time?").response().aiMessage().toolExecutionRequests().getFirst().id();
    String second = ask("time?").response().aiMessage().toolExecutionRequests().getFirst().id();

    assertNotEquals(first, second);
  }

  @Test
  void theTimeToolsResultIsAnsweredInFourDeltas() throws Exception {
    ToolExecutionRequest call =
        ToolExecutionRequest.builder().id("call_1").name("getTime").arguments("{}").build();
    List<ChatMessage> messages =
        List.of(
            UserMessage.from("what time is it?"),
            AiMessage.from(call),
            ToolExecutionResultMessage.from(call, "{\"time\":\"2030-03-01T09:00:00.000Z\"}"));

    RecordingHandler handler = ask(messages);
    ChatResponse response = handler.response();

    String answer = "The time is 2030-03-01T09:00:00.000Z";
    assertEquals(slices(answer, 4), handler.texts());
    assertEquals(answer, response.aiMessage().text());
    assertEquals(FinishReason.STOP, response.finishReason());
  }

  @Test
  void cancellingStopsTheReplyBetweenTwoDeltas() throws Exception {
    RecordingHandler handler = ask("slow 5 1000 cancel me");
    handler.partials(1).await(10, TimeUnit.SECONDS);

    handler.handle.cancel();

    assertTrue(handler.handle.isCancelled());
    // a reply started now ends after the cancelled one's next delta was due: it never came
    ask("slow 2 1000 after").response();
    assertEquals(List.of("text:slow"), handler.lines());
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsNeverCutInTwo() throws Exception {
    RecordingHandler handler = ask("😀"); // two UTF-16 units, one character

    handler.response();

    assertEquals(20, handler.texts().size());
    for (String delta : handler.texts()) {
      assertTrue(
          delta.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE), delta);
    }
    assertEquals(String.join(" ", Collections.nCopies(11, "😀")), String.join("", handler.texts()));
  }

  /** The rule: slice k of the text is [floor(k·L/n), floor((k+1)·L/n)). */
  private static List<String> slices(String full, int n) {
    List<String> slices = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      slices.add(full.substring(k * full.length() / n, (k + 1) * full.length() / n));
    }
    return slices;
  }

  /** The text joined to itself by one space until it has at least n characters. */
  private static String repeat(String text, int n) {
    StringBuilder full = new StringBuilder(text);
    while (full.length() < n) {
      full.append(' ').append(text);
    }
    return full.toString();
  }

  private static List<String> textsOf(RecordingHandler handler) throws Exception {
    handler.response();
    return handler.texts();
  }

  private static List<RecordingHandler.Event> deltaEvents(RecordingHandler handler) {
    return handler.events.stream().filter(event -> event.line().startsWith("text:")).toList();
  }

  private static long millisBetween(RecordingHandler.Event from, RecordingHandler.Event to) {
    return (to.nanos() - from.nanos()) / 1_000_000;
  }
}
