package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallableMethodsTest extends AgentBusTestBase {

  public record Point(int x, int y) {}

  public static class MathAgent extends Agent<Void> {
    @Callable(description = "adds")
    public int add(int a, int b) {
      return a + b;
    }

    @Callable
    public Point mirror(Point p) {
      return new Point(p.y(), p.x());
    }

    @Callable
    public Future<String> later(long ms) {
      return vertx().timer(ms).map(ignored -> "done");
    }

    @Callable
    public void nothing() {}

    @Callable
    public Object returnNull() {
      return null;
    }

    @Callable
    public int broken() {
      String nothing = returnNull() == null ? null : "";
      return nothing.length(); // a bug: a NullPointerException whose text names JVM internals
    }

    @Callable
    public String fail(String message) {
      throw new IllegalArgumentException(message);
    }

    @Callable
    public Future<Void> failLater() {
      return Future.failedFuture("delayed failure");
    }

    @Callable(streaming = true)
    public void countTo(StreamingResponse stream, int n) {
      for (int i = 0; i < n; i++) {
        stream.send(i);
      }
      stream.end(n);
    }

    @Callable(streaming = true)
    public void breakHalfway(StreamingResponse stream) {
      stream.send("chunk1");
      throw new IllegalStateException("Stream failed");
    }

    public int notCallable() {
      return 42;
    }

    @SuppressWarnings("unused")
    private int secret() {
      return 7;
    }
  }

  @BeforeEach
  void register() {
    agents.register(MathAgent.class);
  }

  private AgentRef math() {
    return agents.get(MathAgent.class, "m");
  }

  @Test
  void argumentsAndResultsAreMappedFromAndToJson() {
    assertEquals(7, math().call("add", 3, 4).await());
    assertEquals(
        new JsonObject().put("x", 2).put("y", 1),
        math().call("mirror", Map.of("x", 1, "y", 2)).await());
    assertEquals(new Point(5, 4), math().call(Point.class, "mirror", new Point(4, 5)).await());
  }

  @Test
  void aFutureResultIsSentWhenItCompletes() {
    assertEquals("done", math().call("later", 20).await());
  }

  @Test
  void voidAnswersWithoutResultAndNullWithNullResult() {
    JsonObject none = rpc("nothing", new JsonArray());
    assertTrue(none.getBoolean("success"));
    assertFalse(none.containsKey("result"));
    JsonObject nul = rpc("returnNull", new JsonArray());
    assertTrue(nul.containsKey("result"));
    assertNull(nul.getValue("result"));
  }

  @Test
  void errorsCarryTheProtocolTexts() {
    assertEquals("Method nope does not exist", callError("nope"));
    assertEquals("Method notCallable is not callable", callError("notCallable"));
    assertEquals("Method secret is not callable", callError("secret"));
    assertEquals("Method setState is not callable", callError("setState"));
    assertEquals("Method destroy is not callable", callError("destroy"));
    assertEquals("Method toString is not callable", callError("toString"));
    assertEquals("boom", callError("fail", "boom"));
    assertEquals("delayed failure", callError("failLater"));
  }

  @Test
  void argumentsThatDoNotFitGetAClearError() {
    assertEquals(
        "Argument 1 of add cannot be read as int: not a number",
        callError("add", "not a number", 1));
    assertEquals("Missing argument 2 of add (int)", callError("add", 1));
  }

  @Test
  void errorFramesAreTheProtocolsRpcFrames() {
    JsonObject answer = rpc("nope", new JsonArray());
    assertEquals(
        new JsonObject()
            .put("type", "rpc")
            .put("id", "call-1")
            .put("success", false)
            .put("error", "Method nope does not exist"),
        answer);
  }

  @Test
  void streamingMethodsSendChunksThenTheFinalValue() {
    List<Object> chunks = new ArrayList<>();
    Object last = math().callStream("countTo", chunks::add, 3).await();
    assertEquals(List.of(0, 1, 2), chunks);
    assertEquals(3, last);
  }

  @Test
  void aStreamThatFailsSendsItsChunksThenOneError() {
    List<Object> chunks = new ArrayList<>();
    AgentCallException e =
        assertThrows(
            AgentCallException.class, () -> math().callStream("breakHalfway", chunks::add).await());
    assertEquals("Stream failed", e.getMessage());
    assertEquals(List.of("chunk1"), chunks);
  }

  @Test
  void malformedFramesAreRefusedWithAReason() {
    ReplyException noArgs =
        assertThrows(
            ReplyException.class,
            () ->
                frame(
                        "math-agent",
                        "m",
                        new JsonObject().put("type", "rpc").put("id", "1").put("method", "add"))
                    .await());
    assertTrue(noArgs.getMessage().startsWith("Malformed rpc frame"));
    ReplyException unknown =
        assertThrows(
            ReplyException.class,
            () -> frame("math-agent", "m", new JsonObject().put("type", "what")).await());
    assertEquals("Unsupported frame type 'what'", unknown.getMessage());
  }

  @Test
  void aBugIsAnsweredWithAPlainSentenceNotTheJvmsText() {
    AgentCallException e =
        assertThrows(AgentCallException.class, () -> math().call("broken").await());
    assertEquals("Internal error in broken", e.getMessage());
    AgentCallException meant =
        assertThrows(AgentCallException.class, () -> math().call("fail", "no").await());
    assertEquals("no", meant.getMessage(), "an exception the agent throws keeps its message");
  }

  @Test
  void aRawStringOnTheBusIsRefused() {
    agents.get(MathAgent.class, "raw").call("nothing").await();
    ReplyException e =
        assertThrows(
            ReplyException.class,
            () ->
                vertx
                    .eventBus()
                    .request(agents.addresses().instance("math-agent", "raw"), "hello")
                    .await());
    assertEquals("A frame must be a JSON object", e.getMessage());
  }

  @Test
  void unknownAgentsAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> agents.get("no-such-agent", "x"));
    assertEquals("Unknown agent: no-such-agent", e.getMessage());
  }

  public interface MathApi {
    Future<Integer> add(int a, int b);

    Point mirror(Point p);
  }

  @Test
  void aTypedStubCallsByMethodName() {
    MathApi api = math().stub(MathApi.class);
    assertEquals(9, api.add(4, 5).await());
    assertEquals(new Point(2, 1), api.mirror(new Point(1, 2)));
  }

  public static class Overloaded extends Agent<Void> {
    @Callable
    public int f(int a) {
      return a;
    }

    @Callable
    public int f(int a, int b) {
      return a + b;
    }
  }

  @Test
  void overloadedCallablesAreRefusedAtRegistration() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> agents.register(Overloaded.class));
    assertTrue(e.getMessage().contains("Overloaded @Callable methods are not supported"));
  }

  private JsonObject rpc(String method, JsonArray args) {
    return frame(
            "math-agent",
            "m",
            new JsonObject()
                .put("type", "rpc")
                .put("id", "call-1")
                .put("method", method)
                .put("args", args))
        .await();
  }

  private String callError(String method, Object... args) {
    return assertThrows(AgentCallException.class, () -> math().call(method, args).await())
        .getMessage();
  }
}
