package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.chat.ModelServer.Received;
import dev.agentbus.chat.ModelServer.Reply;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code openai} provider against a fake server on 127.0.0.1 that streams the real
 * chat-completions format: replies arrive delta by delta as the server sends them, tool calls are
 * assembled from their fragments, and every failure reaches {@code onError} with a clear message.
 */
@ExtendWith(VertxExtension.class)
class OpenAiModelTest {

  private static final Map<String, String> ENV = Map.of("TEST_OPENAI_KEY", "sk-test-123");

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
        .setProvider(ChatProvider.OPENAI)
        .setBaseUrl(server.baseUrl())
        .setModel("llama3.2")
        .setApiKeyEnv("TEST_OPENAI_KEY");
  }

  private RecordingHandler ask(ChatModelOptions options, String text) {
    RecordingHandler handler = new RecordingHandler();
    NodeChatModel.create(vertx, options, ENV::get).chat(text, handler);
    return handler;
  }

  @Test
  void aStreamedTextReplyArrivesAsItsDeltasInOrder() throws Exception {
    server.replyWith(Reply.stream().send(OpenAiEvents.textReply("Hel", "lo, ", "world")).end());

    RecordingHandler handler = ask(options(), "hi");
    ChatResponse response = handler.response();

    assertEquals(List.of("text:Hel", "text:lo, ", "text:world", "complete:STOP"), handler.lines());
    assertTrue(handler.allOnVirtualThreads(), "callbacks on virtual threads: " + handler.events);
    assertEquals("Hello, world", response.aiMessage().text());
    assertEquals(FinishReason.STOP, response.finishReason());
  }

  @Test
  void theRequestCarriesTheModelTheKeyFromTheEnvironmentAndTheBaseUrlPath() throws Exception {
    server.replyWith(Reply.stream().send(OpenAiEvents.textReply("ok")).end());

    ask(options().setTemperature(0.25).setMaxTokens(300), "hi").response();
    Received request = server.request();

    assertEquals("POST", request.method());
    assertEquals("/v1/chat/completions", request.path());
    assertEquals("Bearer sk-test-123", request.headers().get("authorization"));
    assertEquals("llama3.2", request.body().getString("model"));
    assertEquals(true, request.body().getBoolean("stream"));
    assertEquals(0.25, request.body().getDouble("temperature"));
    assertEquals(300, request.body().getInteger("max_tokens"));
    JsonObject message = request.body().getJsonArray("messages").getJsonObject(0);
    assertEquals("user", message.getString("role"));
    assertEquals("hi", message.getString("content"));
  }

  @Test
  void aServerThatNeedsNoKeyGetsNoAuthorizationHeader() throws Exception {
    server.replyWith(Reply.stream().send(OpenAiEvents.textReply("ok")).end());

    ask(options().setApiKeyEnv(null), "hi").response();

    assertFalse(server.request().headers().contains("authorization"));
  }

  @Test
  void aToolCallIsAssembledFromItsFragments() throws Exception {
    server.replyWith(
        Reply.stream()
            .send(OpenAiEvents.toolCallReply("call_1", "getTime", "{\"zo", "ne\":\"UTC\"", "}"))
            .end());

    RecordingHandler handler = ask(options(), "what time is it?");
    ChatResponse response = handler.response();

    assertEquals(
        List.of(
            "tool:0:call_1:getTime:{\"zo",
            "tool:0:call_1:getTime:ne\":\"UTC\"",
            "tool:0:call_1:getTime:}",
            "call:0:call_1:getTime:{\"zone\":\"UTC\"}",
            "complete:TOOL_EXECUTION"),
        handler.lines());
    ToolExecutionRequest call = response.aiMessage().toolExecutionRequests().getFirst();
    assertEquals("getTime", call.name());
    assertEquals("{\"zone\":\"UTC\"}", call.arguments());
  }

  @Test
  void eachDeltaReachesTheHandlerBeforeTheServerSendsTheNext() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    List<String> reply = OpenAiEvents.textReply("one", "two", "three");
    // head and role chunk, then each delta only once the previous one has arrived
    server.replyWith(
        Reply.stream()
            .send(reply.subList(0, 2))
            .waitFor(() -> handler.partials(1))
            .send(reply.subList(2, 3))
            .waitFor(() -> handler.partials(2))
            .send(reply.subList(3, 4))
            .waitFor(() -> handler.partials(3))
            .send(reply.subList(4, reply.size()))
            .end());

    NodeChatModel.create(vertx, options(), ENV::get).chat("count", handler);

    assertEquals("onetwothree", handler.response().aiMessage().text());
  }

  @Test
  void manyRepliesStreamAtOnceWithoutWaitingForEachOther() throws Exception {
    int replies = 300;
    List<RecordingHandler> handlers = new ArrayList<>();
    for (int i = 0; i < replies; i++) {
      handlers.add(new RecordingHandler());
    }
    // every reply is held open until every reply's first delta has arrived
    Future<?> allStarted = Future.all(handlers.stream().map(h -> h.partials(1)).toList());
    List<String> reply = OpenAiEvents.textReply("first", "last");
    server.replyWith(
        Reply.stream()
            .send(reply.subList(0, 2))
            .waitFor(() -> allStarted)
            .send(reply.subList(2, reply.size()))
            .end());
    NodeChatModel model = NodeChatModel.create(vertx, options(), ENV::get);

    handlers.forEach(handler -> model.chat("hi", handler));

    for (RecordingHandler handler : handlers) {
      assertEquals("firstlast", handler.response().aiMessage().text());
    }
  }

  @Test
  void slowChunksArriveAsTheyComeNotAtTheEnd() throws Exception {
    server.replyWith(
        Reply.stream().sendSpaced(OpenAiEvents.textReply("a", "b", "c", "d"), 50).end());

    RecordingHandler handler = ask(options(), "slowly");
    handler.response();

    List<RecordingHandler.Event> deltas =
        handler.events.stream().filter(event -> event.line().startsWith("text:")).toList();
    long firstToLastMs = (deltas.getLast().nanos() - deltas.getFirst().nanos()) / 1_000_000;
    // sent 50 ms apart: four deltas span at least 150 ms when each is handed on as it comes
    assertTrue(firstToLastMs >= 140, "deltas came within " + firstToLastMs + " ms");
  }

  @Test
  void cancellingTheReplyClosesItsConnectionAndEndsTheCallbacks() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    List<String> reply = OpenAiEvents.textReply("one", "two");
    server.replyWith(
        Reply.stream()
            .send(reply.subList(0, 2))
            .waitFor(server::closedByClient)
            .send(reply.subList(2, reply.size()))
            .end());
    NodeChatModel.create(vertx, options(), ENV::get).chat("hi", handler);
    handler.partials(1).await(10, TimeUnit.SECONDS);

    handler.handle.cancel();

    server.closedByClient().await(10, TimeUnit.SECONDS);
    // a second call's whole round trip gives the first's reader the time to see its stream closed
    server.replyWith(Reply.stream().send(OpenAiEvents.textReply("next")).end());
    ask(options(), "hi").response();
    assertEquals(List.of("text:one"), handler.lines());
  }

  @Test
  void aConnectionDroppedMidReplyReachesOnError() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    List<String> reply = OpenAiEvents.textReply("partial", " reply");
    server.replyWith(
        Reply.stream().send(reply.subList(0, 2)).waitFor(() -> handler.partials(1)).drop());

    NodeChatModel.create(vertx, options(), ENV::get).chat("hi", handler);
    Throwable error = handler.error();

    assertInstanceOf(ChatModelException.class, error);
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "openai model llama3.2 at "
                    + server.baseUrl()
                    + " lost the connection mid-reply: "),
        error.getMessage());
    assertEquals(List.of("partial"), handler.texts());
  }

  @Test
  void aStreamThatEndsBeforeDoneReachesOnError() throws Exception {
    List<String> reply = OpenAiEvents.textReply("partial", " reply");
    server.replyWith(Reply.stream().send(reply.subList(0, 3)).end());

    RecordingHandler handler = ask(options(), "hi");
    Throwable error = handler.error();

    assertEquals(
        "openai model llama3.2 at "
            + server.baseUrl()
            + " lost the connection mid-reply: EOFException: the reply ended before its last event",
        error.getMessage());
    assertEquals(List.of("partial", " reply"), handler.texts());
  }

  @Test
  void aServerThatSendsNoDoneCompletesAfterItsFinishReason() throws Exception {
    List<String> reply = OpenAiEvents.textReply("all", " there");
    server.replyWith(Reply.stream().send(reply.subList(0, reply.size() - 2)).end());

    ChatResponse response = ask(options(), "hi").response();

    assertEquals("all there", response.aiMessage().text());
    assertEquals(FinishReason.STOP, response.finishReason());
  }

  @Test
  void anUnauthorizedAnswerReachesOnErrorWithTheProvidersMessage() throws Exception {
    server.replyWith(
        Reply.status(
            401,
            openAiError(
                "Incorrect API key provided: sk-test-123.",
                "invalid_request_error",
                "invalid_api_key")));

    Throwable error = ask(options(), "hi").error();

    assertEquals(
        "openai model llama3.2 at "
            + server.baseUrl()
            + " answered 401: Incorrect API key provided: sk-test-123.",
        error.getMessage());
    assertEquals(401, ((ChatModelException) error).status());
  }

  @Test
  void aRateLimitReachesOnErrorWithItsStatus() throws Exception {
    server.replyWith(
        Reply.status(
            429,
            openAiError("Rate limit reached for requests", "requests", "rate_limit_exceeded")));

    ChatModelException error = (ChatModelException) ask(options(), "hi").error();

    assertEquals(429, error.status());
    assertTrue(error.getMessage().endsWith(" answered 429: Rate limit reached for requests"));
  }

  @Test
  void aServerErrorReachesOnError() throws Exception {
    server.replyWith(
        Reply.status(500, openAiError("The server had an error", "server_error", null)));

    ChatModelException error = (ChatModelException) ask(options(), "hi").error();

    assertEquals(500, error.status());
    assertTrue(error.getMessage().endsWith(" answered 500: The server had an error"));
  }

  @Test
  void aServerThatIsNotThereCannotBeReached() throws Exception {
    String baseUrl = server.baseUrl();
    server.close();

    Throwable error = ask(options().setBaseUrl(baseUrl), "hi").error();

    assertTrue(
        error
            .getMessage()
            .startsWith("openai model llama3.2 at " + baseUrl + " could not be reached: "),
        error.getMessage());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    server.replyWith(Reply.silence());

    Throwable error = ask(options().setTimeoutMs(300), "hi").error();

    assertEquals(
        "openai model llama3.2 at "
            + server.baseUrl()
            + " failed: no answer within timeoutMs (300 ms)",
        error.getMessage());
  }

  @Test
  void aReplyThatStreamsLongerThanTheTimeoutIsNotCut() throws Exception {
    server.replyWith(
        Reply.stream().sendSpaced(OpenAiEvents.textReply("a", "b", "c", "d", "e"), 100).end());

    ChatResponse response = ask(options().setTimeoutMs(300), "hi").response();

    assertEquals("abcde", response.aiMessage().text());
  }

  private static JsonObject openAiError(String message, String type, String code) {
    return new JsonObject()
        .put(
            "error",
            new JsonObject()
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .put("code", code));
  }
}
