package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentCallException;
import dev.agentbus.AgentRef;
import dev.agentbus.examples.kotlin.TodoAgent;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kotlin and Groovy demo agents beside the Java one, as the application serves them: over a
 * real WebSocket (connect frames, RPC, state sync, the protocol's error texts) and through the JVM
 * handle, exactly as Java agents are reached.
 */
@ExtendWith(VertxExtension.class)
class PolyglotAgentsTest {

  @TempDir Path dataDir;
  Vertx vertx;
  AgentBus agents;
  AgentGateway gateway;
  int port;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    Main.DEMO_AGENTS.forEach(agents::register);
    gateway =
        AgentGateway.create(vertx, agents, new GatewayOptions().setPort(0).setHost("127.0.0.1"));
    port = gateway.listen(null).await().actualPort();
  }

  @AfterEach
  void stop() {
    gateway.close().await();
    agents.close().await();
  }

  private static JsonObject todoList(String title, int open, int done) {
    return new JsonObject().put("title", title).put("open", open).put("done", done);
  }

  @Test
  void theKotlinAgentSendsItsDataClassStateOnConnectAndAnswersRpc() {
    try (SocketClient client = new SocketClient(vertx, port, "/agents/todo-agent/home");
        SocketClient watcher = new SocketClient(vertx, port, "/agents/todo-agent/home")) {
      assertEquals(
          new JsonObject()
              .put("type", "cf_agent_identity")
              .put("name", "home")
              .put("agent", "todo-agent")
              .put("stateFollows", true),
          client.next());
      assertEquals(
          new JsonObject().put("type", "cf_agent_state").put("state", todoList("Todo", 0, 0)),
          client.next());
      client.ready();
      watcher.ready();

      assertEquals(
          new JsonObject()
              .put("type", "rpc")
              .put("id", "1")
              .put("success", true)
              .put("result", new JsonObject().put("id", 1).put("text", "milk").put("done", false))
              .put("done", true),
          client.call("1", "add", "milk"));
      assertEquals(todoList("Todo", 1, 0), watcher.next("cf_agent_state").getJsonObject("state"));
    }
  }

  @Test
  void theKotlinAgentsErrorsUseTheProtocolsTexts() {
    try (SocketClient client = new SocketClient(vertx, port, "/agents/todo-agent/errors").ready()) {
      assertEquals("No todo with id 99", error(client.call("1", "complete", 99)));
      assertEquals("A todo needs a text", error(client.call("2", "add", " ")));
      assertEquals("Method nope does not exist", error(client.call("3", "nope")));
      assertEquals("Method ensureTable is not callable", error(client.call("4", "ensureTable")));
      assertEquals("Method initialState is not callable", error(client.call("5", "initialState")));
    }
  }

  @Test
  void aClientMayRenameTheKotlinListAndOthersSeeItButNotFakeItsCounts() {
    try (SocketClient alice = new SocketClient(vertx, port, "/agents/todo-agent/shared").ready();
        SocketClient bob = new SocketClient(vertx, port, "/agents/todo-agent/shared").ready()) {
      alice.sendState(todoList("Shopping", 0, 0));
      assertEquals(todoList("Shopping", 0, 0), bob.next("cf_agent_state").getJsonObject("state"));
      alice.assertNothingReceived("the sender gets no echo", "list");

      bob.sendState(todoList("Shopping", 5, 0));
      assertEquals(
          new JsonObject()
              .put("type", "cf_agent_state_error")
              .put("error", "State update rejected"),
          bob.next());
      alice.assertNothingReceived("a rejected state is not broadcast", "list");
    }
  }

  @Test
  void theGroovyAgentAnswersRpcAndSyncsItsRecordStateToEveryClient() {
    try (SocketClient voter = new SocketClient(vertx, port, "/agents/poll-agent/lunch").ready();
        SocketClient watcher = new SocketClient(vertx, port, "/agents/poll-agent/lunch").ready()) {
      JsonObject opened = voter.call("1", "open", "Lunch?", List.of("pizza", "soup"));
      JsonObject open =
          new JsonObject()
              .put("question", "Lunch?")
              .put("votes", new JsonObject().put("pizza", 0).put("soup", 0));
      assertEquals(open, opened.getJsonObject("result"));
      assertEquals(open, watcher.next("cf_agent_state").getJsonObject("state"));

      assertEquals(
          new JsonObject().put("pizza", 0).put("soup", 1),
          voter.call("2", "vote", "ann", "soup").getJsonObject("result"));
      assertEquals(
          1,
          watcher
              .next("cf_agent_state")
              .getJsonObject("state")
              .getJsonObject("votes")
              .getInteger("soup"));
      assertEquals(
          "No option 'chips' in this poll", error(voter.call("3", "vote", "ann", "chips")));
      assertEquals("Method getMetaClass is not callable", error(voter.call("4", "getMetaClass")));
    }
  }

  @Test
  void theKotlinAndGroovyAgentsAnswerHttp() {
    HttpClient http = vertx.createHttpClient();
    assertEquals(
        "201 {\"id\":1,\"text\":\"milk\",\"done\":false}",
        exchange(http, HttpMethod.POST, "/agents/todo-agent/web", "{\"text\":\"milk\"}"));
    assertEquals(
        "400 A todo needs a text",
        exchange(http, HttpMethod.POST, "/agents/todo-agent/web", "{\"text\":\" \"}"));
    assertEquals(
        "400 Send a JSON object with a text",
        exchange(http, HttpMethod.POST, "/agents/todo-agent/web", "milk"));
    assertEquals(
        "200 [{\"id\":1,\"text\":\"milk\",\"done\":false}]",
        exchange(http, HttpMethod.GET, "/agents/todo-agent/web", ""));
    assertEquals(
        "200 {\"question\":\"\",\"votes\":{}}",
        exchange(http, HttpMethod.GET, "/agents/poll-agent/web", ""));
    assertEquals(
        "405 Method not allowed", exchange(http, HttpMethod.DELETE, "/agents/poll-agent/web", ""));
    http.close().await();
  }

  /** One HTTP exchange, answered as {@code "<status> <body>"}. */
  private String exchange(HttpClient http, HttpMethod method, String uri, String body) {
    return http.request(method, port, "127.0.0.1", uri)
        .compose(request -> request.send(body))
        .compose(response -> response.body().map(b -> response.statusCode() + " " + b))
        .await();
  }

  @Test
  void javaKotlinAndGroovyAgentsAreCalledAlikeThroughTheJvmHandle() {
    AgentRef counter = agents.get(CounterAgent.class, "jvm");
    AgentRef todos = agents.get(TodoAgent.class, "jvm");
    AgentRef poll = agents.get("poll-agent", "jvm");

    assertEquals(2, counter.call("increment", 2).await());
    assertEquals(
        new JsonObject().put("id", 1).put("text", "tea").put("done", false),
        todos.call("add", "tea").await());
    poll.call("open", "Tea?", List.of("yes", "no")).await();
    assertEquals(
        new JsonObject().put("yes", 1).put("no", 0), poll.call("vote", "cy", "yes").await());

    assertEquals(todoList("Todo", 1, 0), todos.state().await());
    AgentCallException unknown =
        assertThrows(AgentCallException.class, () -> todos.call("complete", 7).await());
    assertEquals("No todo with id 7", unknown.getMessage());
    assertEquals(
        "Method nope does not exist",
        assertThrows(AgentCallException.class, () -> poll.call("nope").await()).getMessage());
  }

  private static String error(JsonObject frame) {
    assertEquals(false, frame.getBoolean("success"), frame.encode());
    return frame.getString("error");
  }
}
