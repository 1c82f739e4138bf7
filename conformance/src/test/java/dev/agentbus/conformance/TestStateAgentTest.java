package dev.agentbus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentbus.testkit.Eventually;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestStateAgentTest extends ConformanceTestBase {

  private static final String URI = "/agents/test-state-agent/";
  private static final JsonObject INITIAL =
      new JsonObject().put("count", 0).put("items", new JsonArray()).putNull("lastUpdated");

  @Test
  void startsWithEmptyStateOverHttpAndWebSocket() {
    assertEquals(new JsonObject().put("state", INITIAL), get(URI + "empty/state").json());
    Socket socket = new Socket(URI + "empty");
    socket.next("cf_agent_identity");
    assertEquals(INITIAL, socket.next().getJsonObject("state"));
  }

  @Test
  void aClientsStateReachesOthersAndIsRecordedWithItsConnectionId() {
    Socket writer = new Socket(URI + "shared?_pk=writer");
    writer.next("cf_agent_mcp_servers");
    Socket reader = new Socket(URI + "shared?_pk=reader");
    reader.next("cf_agent_mcp_servers");
    JsonObject next =
        new JsonObject()
            .put("count", 1)
            .put("items", new JsonArray().add("a"))
            .put("lastUpdated", "2026-11-28T08:00:00Z");
    writer.sendState(next);
    assertEquals(next, reader.next("cf_agent_state").getJsonObject("state"));
    assertEquals(new JsonObject().put("state", next), get(URI + "shared/state").json());
    assertEquals(
        new JsonObject()
            .put(
                "updates",
                new JsonArray().add(new JsonObject().put("state", next).put("source", "writer"))),
        get(URI + "shared/state-updates").json());
  }

  @Test
  void echoAnswersTheMethodAndBody() {
    Reply reply = request(HttpMethod.POST, URI + "http/echo", "hello there");
    assertEquals(200, reply.status());
    assertEquals(
        new JsonObject().put("method", "POST").put("body", "hello there").put("path", "echo"),
        reply.json());
    assertEquals(
        new JsonObject().put("method", "PUT").put("body", "").put("path", "echo"),
        request(HttpMethod.PUT, URI + "http/deep/path/echo", null).json());
  }

  @Test
  void connectionsCountsOpenSocketsNotClientIds() {
    assertEquals(0, get(URI + "counted/connections").json().getInteger("count"));
    Socket first = new Socket(URI + "counted?_pk=same");
    first.next("cf_agent_mcp_servers");
    // a reconnecting client reuses its _pk; its new socket may open before the old one closes
    Socket second = new Socket(URI + "counted?_pk=same");
    second.next("cf_agent_mcp_servers");
    assertEquals(2, get(URI + "counted/connections").json().getInteger("count"));
    first.close();
    Eventually.eventually(
        Duration.ofSeconds(5),
        () -> assertEquals(1, get(URI + "counted/connections").json().getInteger("count")));
  }

  @Test
  void anyOtherPathIsNotFound() {
    Reply reply = get(URI + "http/whatever");
    assertEquals(404, reply.status());
    assertEquals("Not found", reply.body());
  }
}
