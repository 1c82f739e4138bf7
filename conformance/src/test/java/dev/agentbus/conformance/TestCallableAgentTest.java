package dev.agentbus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TestCallableAgentTest extends ConformanceTestBase {

  private static final String URI = "/agents/test-callable-agent/";

  private Socket connect(String instance) {
    Socket socket = new Socket(URI + instance);
    socket.next("cf_agent_mcp_servers");
    return socket;
  }

  @Test
  void connectingGetsIdentityThenTheInitialStateThenMcpServers() {
    Socket socket = new Socket(URI + "fresh?_pk=client-1");
    JsonObject identity = socket.next();
    assertEquals("cf_agent_identity", identity.getString("type"));
    assertEquals("fresh", identity.getString("name"));
    assertEquals("test-callable-agent", identity.getString("agent"));
    assertEquals(
        new JsonObject()
            .put("type", "cf_agent_state")
            .put("state", new JsonObject().put("value", 0)),
        socket.next());
    assertEquals("cf_agent_mcp_servers", socket.next().getString("type"));
  }

  @Test
  void plainMethodsAnswerTheirResultsAndNoResultForVoid() {
    Socket socket = connect("plain");
    JsonObject sum = socket.call("add", 2, 3);
    assertTrue(sum.getBoolean("success"));
    assertTrue(sum.getBoolean("done"));
    assertEquals(5.0, ((Number) sum.getValue("result")).doubleValue());

    for (String method : List.of("voidMethod", "returnUndefined")) {
      JsonObject answer = socket.call(method);
      assertTrue(answer.getBoolean("success"), method);
      assertFalse(answer.containsKey("result"), method + " answers without a result");
    }
    JsonObject nothing = socket.call("returnNull");
    assertTrue(nothing.getBoolean("success"));
    assertTrue(nothing.containsKey("result"));
    assertNull(nothing.getValue("result"));
  }

  @Test
  void failuresCarryTheirExactTexts() {
    Socket socket = connect("failures");
    assertEquals(error("boom"), without(socket.call("throwError", "boom")));
    assertEquals(error("delayed failure"), without(socket.call("delayedThrow", 20)));
    assertEquals(
        error("Method privateMethod is not callable"), without(socket.call("privateMethod")));
    assertEquals(error("Method nope does not exist"), without(socket.call("nope")));
  }

  @Test
  void slowAndHangingCallsDoNotBlockTheInstance() {
    Socket socket = connect("busy");
    String hang = socket.send("hang");
    String slow = socket.send("asyncMethod", 300);
    JsonObject quick = socket.call("add", 1, 1);
    assertEquals(
        2.0, ((Number) quick.getValue("result")).doubleValue(), "answered while others wait");
    JsonObject done = socket.next("rpc");
    assertEquals(slow, done.getString("id"));
    assertEquals("done", done.getString("result"));
    // hang() never answers: the next frame is a later call's answer, not hang()'s
    String later = socket.send("add", 2, 2);
    JsonObject next = socket.next();
    assertEquals(
        later, next.getString("id"), "got " + next.encode() + " (hang() was " + hang + ")");
  }

  @Test
  void streamsSendChunksThenTheirEndOrOneError() {
    Socket socket = connect("streams");
    assertEquals(List.of(0, 1, 2, "end:3"), stream(socket, "streamNumbers", 3));
    assertEquals(
        List.of("a", "b c", "end:complete"),
        stream(socket, "streamWithDelay", List.of("a", "b c"), 20));
    assertEquals(List.of("chunk1", "error:Stream failed"), stream(socket, "streamError"));
    assertEquals(List.of("chunk1", "error:Graceful error"), stream(socket, "streamGracefulError"));
    assertEquals(List.of("chunk1", "error:First close"), stream(socket, "streamDoubleClose"));
    assertEquals(List.of("error:Immediate failure"), stream(socket, "streamThrowsImmediately"));
    // nothing follows a closed stream: the next frame is the next call's answer
    assertEquals(4.0, ((Number) socket.call("add", 2, 2).getValue("result")).doubleValue());
  }

  @Test
  void closeConnectionsForTestAnswersTheCountThenClosesEverySocketWithTheCodeAndReason()
      throws Exception {
    Socket other = connect("closing");
    Socket caller = connect("closing");
    List<Short> codes = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(2);
    for (Socket socket : List.of(other, caller)) {
      socket.webSocket.closeHandler(
          ignored -> {
            synchronized (codes) {
              codes.add(socket.webSocket.closeStatusCode());
              reasons.add(socket.webSocket.closeReason());
            }
            closed.countDown();
          });
    }
    JsonObject answer = caller.call("closeConnectionsForTest", 4001, "test close");
    assertEquals(2, answer.getInteger("result"));
    assertTrue(closed.await(5, TimeUnit.SECONDS), "both sockets closed");
    assertEquals(List.of((short) 4001, (short) 4001), codes);
    assertEquals(List.of("test close", "test close"), reasons);
  }

  @Test
  void aDisconnectDoesNotCancelWorkAndALateAnswerIsDroppedQuietly() {
    Socket leaving = connect("leaving");
    leaving.send("asyncMethod", 100);
    leaving.close();
    Socket next = connect("leaving");
    assertEquals("done", next.call("asyncMethod", 150).getString("result"));
    assertEquals(3.0, ((Number) next.call("add", 1, 2).getValue("result")).doubleValue());
  }

  /** The chunks of a streaming call, then "end:<final>" or "error:<text>". */
  private static List<Object> stream(Socket socket, String method, Object... args) {
    String id = socket.send(method, args);
    List<Object> seen = new ArrayList<>();
    while (true) {
      JsonObject frame = socket.next("rpc");
      assertEquals(id, frame.getString("id"));
      if (!frame.getBoolean("success")) {
        seen.add("error:" + frame.getString("error"));
        return seen;
      }
      if (frame.getBoolean("done")) {
        seen.add("end:" + frame.getValue("result"));
        return seen;
      }
      seen.add(frame.getValue("result"));
    }
  }

  private static JsonObject error(String text) {
    return new JsonObject().put("type", "rpc").put("success", false).put("error", text);
  }

  private static JsonObject without(JsonObject frame) {
    JsonObject copy = frame.copy();
    copy.remove("id");
    return copy;
  }
}
