package dev.agentbus.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RoutingTest extends ConformanceTestBase {

  @Test
  void customStatePathsConnectToTheNamedInstance() {
    JsonObject identity = new Socket("/custom-state/room-7").next();
    assertEquals("test-state-agent", identity.getString("agent"));
    assertEquals("room-7", identity.getString("name"));
  }

  @Test
  void theUserPathConnectsToTheAuthUserInstance() {
    JsonObject identity = new Socket("/user").next();
    assertEquals("test-state-agent", identity.getString("agent"));
    assertEquals("auth-user", identity.getString("name"));
  }

  @Test
  void aDoubleSlashBeforeThePrefixIsThePrefix() {
    assertEquals(200, get("//agents/test-state-agent/doubled/state").status());
    JsonObject identity = new Socket("//agents/test-callable-agent/doubled").next();
    assertEquals("doubled", identity.getString("name"));
  }

  @Test
  void aWebSocketOnAnySubPathConnectsToTheInstance() {
    JsonObject identity = new Socket("/agents/test-callable-agent/deep/any/rest?x=1").next();
    assertEquals("deep", identity.getString("name"));
  }

  @Test
  void errorsUnderThePrefixCarryCorsHeaders() {
    Reply missingName = get("/agents/test-state-agent");
    assertEquals(404, missingName.status());
    assertEquals("Not found", missingName.body());
    assertCors(missingName);

    Reply unknownAgent = get("/agents/no-such-agent/x");
    assertEquals(400, unknownAgent.status());
    assertEquals("Invalid request", unknownAgent.body());
    assertCors(unknownAgent);

    Reply notFound = get("/agents/test-state-agent/x/nothing-here");
    assertEquals(404, notFound.status());
    assertCors(notFound);
  }

  @Test
  void optionsIsAnsweredWithCorsAndAnEmptyBody() {
    Reply preflight = request(HttpMethod.OPTIONS, "/agents/test-state-agent/x/state", null);
    assertEquals(200, preflight.status());
    assertEquals("", preflight.body());
    assertCors(preflight);
  }

  private static void assertCors(Reply reply) {
    assertEquals("*", reply.headers().get("Access-Control-Allow-Origin"));
    assertEquals("GET, POST, HEAD, OPTIONS", reply.headers().get("Access-Control-Allow-Methods"));
    assertEquals("*", reply.headers().get("Access-Control-Allow-Headers"));
    assertEquals("86400", reply.headers().get("Access-Control-Max-Age"));
  }
}
