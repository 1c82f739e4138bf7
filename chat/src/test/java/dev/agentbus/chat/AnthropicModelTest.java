package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.chat.ModelServer.Received;
import dev.agentbus.chat.ModelServer.Reply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code anthropic} provider against a fake server on 127.0.0.1 that streams the real Messages
 * format: text and tool use arrive as their deltas, as the server sends them, and every failure
 * reaches {@code onError} with a clear message.
 */
@ExtendWith(VertxExtension.class)
class AnthropicModelTest {

  private static final Map<String, String> ENV = Map.of("TEST_ANTHROPIC_KEY", "sk-ant-test");

  private Vertx vertx;
  private ModelServer server;

  @BeforeEach
  void startServer(Vertx vertx) {
    this.vertx = vertx;
    server = ModelServer.start(vertx);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private ChatModelOptions options() {
    return new ChatModelOptions()
        .setProvider(ChatProvider.ANTHROPIC)
        .setBaseUrl(server.baseUrl())
        .setModel("claude-test")
        .setApiKeyEnv("TEST_ANTHROPIC_KEY");
  }

  private String name() {
    return "anthropic model claude-test at " + server.baseUrl();
  }

  private RecordingHandler ask(ChatModelOptions options, String text) {
    RecordingHandler handler = new RecordingHandler();
    NodeChatModel.create(vertx, options, ENV::get).chat(text, handler);
    return handler;
  }

  @Test
  void aStreamedTextReplyArrivesAsItsDeltasInOrder() throws Exception {
    server.replyWith(Reply.stream().send(AnthropicEvents.textReply("Hel", "lo, ", "world")).end());

    RecordingHandler handler = ask(options(), "hi");
    ChatResponse response = handler.response();

    assertEquals(List.of("text:Hel", "text:lo, ", "text:world", "complete:STOP"), handler.lines());
    assertTrue(handler.allOnVirtualThreads(), "callbacks on virtual threads: " + handler.events);
    assertEquals("Hello, world", response.aiMessage().text());
    assertEquals(FinishReason.STOP, response.finishReason());
  }

  @Test
  void theRequestCarriesTheModelTheKeyFromTheEnvironmentAndTheBaseUrlPath() throws Exception {
    server.replyWith(Reply.stream().send(AnthropicEvents.textReply("ok")).end());

    ask(options().setTemperature(0.5).setMaxTokens(300), "hi").response();
    Received request = server.request();

    assertEquals("POST", request.method());
    assertEquals("/v1/messages", request.path());
    assertEquals("sk-ant-test", request.headers().get("x-api-key"));
    assertTrue(request.headers().contains("anthropic-version"));
    assertEquals("claude-test", request.body().getString("model"));
    assertEquals(true, request.body().getBoolean("stream"));
    assertEquals(0.5, request.body().getDouble("temperature"));
    assertEquals(300, request.body().getInteger("max_tokens"));
    JsonObject message = request.body().getJsonArray("messages").getJsonObject(0);
    assertEquals("user", message.getString("role"));
  }

  @Test
  void aToolUseIsAssembledFromItsJsonDeltas() throws Exception {
    server.replyWith(
        Reply.stream()
            .send(AnthropicEvents.toolUseReply("toolu_01", "getTime", "{\"zo", "ne\":\"UTC\"", "}"))
            .end());

    RecordingHandler handler = ask(options(), "what time is it?");
    ChatResponse response = handler.response();

    assertEquals(
        List.of(
            "tool:0:toolu_01:getTime:{\"zo",
            "tool:0:toolu_01:getTime:ne\":\"UTC\"",
            "tool:0:toolu_01:getTime:}",
            "call:0:toolu_01:getTime:{\"zone\":\"UTC\"}",
            "complete:TOOL_EXECUTION"),
        handler.lines());
    ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
    assertEquals("{\"zone\":\"UTC\"}", call.arguments());
  }

  @Test
  void eachDeltaReachesTheHandlerBeforeTheServerSendsTheNext() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    server.replyWith(
        Reply.stream()
            .send(List.of(AnthropicEvents.messageStart(), AnthropicEvents.textBlockStart()))
            .send(List.of(AnthropicEvents.textDelta("one")))
            .waitFor(() -> handler.partials(1))
            .send(List.of(AnthropicEvents.textDelta("two")))
            .waitFor(() -> handler.partials(2))
            .send(List.of(AnthropicEvents.textDelta("three")))
            .waitFor(() -> handler.partials(3))
            .send(AnthropicEvents.textReply().subList(3, 6))
            .end());

    NodeChatModel.create(vertx, options(), ENV::get).chat("count", handler);

    assertEquals("onetwothree", handler.response().aiMessage().text());
  }

  @Test
  void slowChunksArriveAsTheyComeNotAtTheEnd() throws Exception {
    server.replyWith(
        Reply.stream().sendSpaced(AnthropicEvents.textReply("a", "b", "c", "d"), 50).end());

    RecordingHandler handler = ask(options(), "slowly");
    handler.response();

    List<RecordingHandler.Event> deltas =
        handler.events.stream().filter(event -> event.line().startsWith("text:")).toList();
    long firstToLastMs = (deltas.getLast().nanos() - deltas.getFirst().nanos()) / 1_000_000;
    assertTrue(firstToLastMs >= 140, "deltas came within " + firstToLastMs + " ms");
  }

  @Test
  void aConnectionDroppedMidReplyReachesOnError() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    server.replyWith(
        Reply.stream()
            .send(AnthropicEvents.textReply("partial", " reply").subList(0, 4))
            .waitFor(() -> handler.partials(1))
            .drop());

    NodeChatModel.create(vertx, options(), ENV::get).chat("hi", handler);
    Throwable error = handler.error();

    assertTrue(
        error.getMessage().startsWith(name() + " lost the connection mid-reply: "),
        error.getMessage());
    assertEquals(List.of("partial"), handler.texts());
  }

  @Test
  void aStreamThatEndsBeforeMessageStopReachesOnError() throws Exception {
    server.replyWith(
        Reply.stream().send(AnthropicEvents.textReply("partial", " reply").subList(0, 5)).end());

    RecordingHandler handler = ask(options(), "hi");
    Throwable error = handler.error();

    assertEquals(
        name()
            + " lost the connection mid-reply: EOFException: the reply ended before its last event",
        error.getMessage());
    assertEquals(List.of("partial", " reply"), handler.texts());
  }

  @Test
  void anErrorEventMidStreamReachesOnError() throws Exception {
    server.replyWith(
        Reply.stream()
            .send(List.of(AnthropicEvents.messageStart(), AnthropicEvents.textBlockStart()))
            .send(List.of(AnthropicEvents.textDelta("partial")))
            .send(List.of(AnthropicEvents.error("overloaded_error", "Overloaded")))
            .end());

    Throwable error = ask(options(), "hi").error();

    assertEquals(name() + " failed mid-reply: Overloaded", error.getMessage());
  }

  @Test
  void anUnauthorizedAnswerReachesOnErrorWithTheProvidersMessage() throws Exception {
    server.replyWith(
        Reply.status(401, AnthropicEvents.errorBody("authentication_error", "invalid x-api-key")));

    ChatModelException error = (ChatModelException) ask(options(), "hi").error();

    assertEquals(name() + " answered 401: invalid x-api-key", error.getMessage());
    assertEquals(401, error.status());
  }

  @Test
  void aRateLimitReachesOnErrorWithItsStatus() throws Exception {
    server.replyWith(
        Reply.status(
            429,
            AnthropicEvents.errorBody(
                "rate_limit_error", "Number of request tokens has exceeded your rate limit")));

    ChatModelException error = (ChatModelException) ask(options(), "hi").error();

    assertEquals(
        name() + " answered 429: Number of request tokens has exceeded your rate limit",
        error.getMessage());
  }

  @Test
  void aServerErrorReachesOnError() throws Exception {
    server.replyWith(
        Reply.status(500, AnthropicEvents.errorBody("api_error", "Internal server error")));

    ChatModelException error = (ChatModelException) ask(options(), "hi").error();

    assertEquals(name() + " answered 500: Internal server error", error.getMessage());
  }
}
