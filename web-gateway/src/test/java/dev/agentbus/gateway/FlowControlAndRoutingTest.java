package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlowControlAndRoutingTest extends GatewayTestBase {

  @Override
  GatewayOptions gatewayOptions() {
    // Pings every 250 ms: short enough for the idle test, long enough that a test JVM starved of
    // CPU on a loaded machine still answers within the two intervals the gateway allows.
    return super.gatewayOptions().setMaxPendingFrames(4).setPingIntervalMs(250);
  }

  @Test
  void aSocketThatSendsFasterThanItsInstanceWorksIsSlowedNotDropped() {
    Client client = new Client("/agents/room-agent/busy").ready();
    int calls = 300;
    for (int i = 0; i < calls; i++) {
      client.socket.writeTextMessage(
          new JsonObject()
              .put("type", "rpc")
              .put("id", "c" + i)
              .put("method", "increment")
              .put("args", new JsonArray().add(1))
              .encode());
    }
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < calls; i++) {
      JsonObject answer = client.next("rpc");
      assertEquals(true, answer.getBoolean("success"));
      answered.add(answer.getString("id"));
    }
    assertEquals(calls, answered.size(), "every call answered once");
    assertEquals(calls + 1, client.call("last", "increment", 1).getInteger("result"));
  }

  @Test
  void aClientThatAnswersPingsStaysConnectedWhileIdle() {
    Client client = new Client("/agents/room-agent/idle").ready();
    // a socket silent for two ping intervals is closed unless it answers: wait for six pings
    client.awaitPings(6);
    assertNull(client.closeCode);
    client.assertNothingReceived("six ping intervals of silence");
    assertEquals(1, client.call("1", "increment", 1).getInteger("result"));
  }

  @Test
  void anApplicationRoutesItsOwnPathsToAgents() {
    Router router = Router.router(vertx);
    router
        .route("/rooms/:room")
        .handler(context -> gateway.handle(context, "room-agent", context.pathParam("room"), ""));
    int appPort =
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
    int gatewayPort = port;
    port = appPort;
    try {
      Client client = new Client("/rooms/kitchen");
      assertEquals("kitchen", client.next("cf_agent_identity").getString("name"));
    } finally {
      port = gatewayPort;
    }
  }
}
