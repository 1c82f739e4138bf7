package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpGatewayTest extends GatewayTestBase {

  @Override
  GatewayOptions gatewayOptions() {
    return super.gatewayOptions().setCors(true).setMaxMessageBytes(64 * 1024);
  }

  record Answer(int status, String body, HttpClientResponse response) {}

  Answer request(HttpMethod method, String uri, String body) {
    return http.request(
            new RequestOptions()
                .setMethod(method)
                .setPort(port)
                .setHost("127.0.0.1")
                .setURI(uri)
                // a stalled exchange fails the test in seconds instead of hanging it
                .setConnectTimeout(15_000)
                .setIdleTimeout(15_000))
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b.toString(), res)))
        .await();
  }

  @Test
  void everyMethodReachesOnRequestWithPathQueryAndBody() {
    Answer answer = request(HttpMethod.POST, "/agents/room-agent/h1/some/echo?x=1", "hello");
    assertEquals(200, answer.status());
    assertEquals(
        new JsonObject()
            .put("method", "POST")
            .put("body", "hello")
            .put("path", "/some/echo")
            .put("query", "x=1"),
        new JsonObject(answer.body()));
    assertEquals("application/json", answer.response().getHeader("content-type"));
    Answer put = request(HttpMethod.PUT, "/agents/room-agent/h1/echo", "x");
    assertEquals("PUT", new JsonObject(put.body()).getString("method"));
  }

  @Test
  void theDefaultAnswerIs404AndUnknownAgentsAre400() {
    Answer unknown = request(HttpMethod.GET, "/agents/no-such-agent/x", null);
    assertEquals(400, unknown.status());
    assertEquals("Invalid request", unknown.body());
    assertEquals(404, request(HttpMethod.GET, "/agents", null).status());
    for (String broken : List.of("/agents/room-agent/%zz", "/agents/room-agent/a%", "/agents/%4")) {
      Answer answer = request(HttpMethod.GET, broken, null);
      assertEquals(400, answer.status(), broken);
      // the gateway's own answer: the router never saw (and never logged) the bad escape
      assertEquals("Bad request: the path has an invalid percent-escape", answer.body(), broken);
    }
    assertEquals(404, request(HttpMethod.GET, "/agents/", null).status());
    assertEquals(404, request(HttpMethod.GET, "/agents/room-agent", null).status());
    assertEquals(404, request(HttpMethod.GET, "/agents/room-agent/", null).status());
    assertEquals(0, agents.liveInstances(), "neither activated an instance");
    assertEquals(404, request(HttpMethod.GET, "/agents/room-agent/h2/nothing-here", null).status());
  }

  @Test
  void corsHeadersAreOnEveryResponseAndOptionsIsAnsweredByTheGateway() {
    Answer options = request(HttpMethod.OPTIONS, "/agents/room-agent/c1/state", null);
    assertEquals(200, options.status());
    assertEquals("", options.body());
    assertEquals("*", options.response().getHeader("Access-Control-Allow-Origin"));
    assertEquals(
        "GET, POST, HEAD, OPTIONS", options.response().getHeader("Access-Control-Allow-Methods"));
    assertEquals("*", options.response().getHeader("Access-Control-Allow-Headers"));
    assertEquals("86400", options.response().getHeader("Access-Control-Max-Age"));
    assertEquals(0, agents.liveInstances(), "OPTIONS never reaches the agent");
    Answer state = request(HttpMethod.GET, "/agents/room-agent/c1/state", null);
    assertEquals("*", state.response().getHeader("Access-Control-Allow-Origin"));
    assertEquals(
        "*",
        request(HttpMethod.GET, "/agents/nope/x", null)
            .response()
            .getHeader("Access-Control-Allow-Origin"));
  }

  private java.io.InputStream stream(String path) throws Exception {
    java.net.http.HttpResponse<java.io.InputStream> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  @Test
  void serverSentEventsArriveAsTheyAreProduced() throws Exception {
    // A first stream read whole warms the test's own HTTP client up: a cold client reads its first
    // lines late, and lines the server sent apart would then be read together.
    stream("/agents/room-agent/sse/events").readAllBytes();
    long start = System.nanoTime();
    List<Long> arrivals = new java.util.ArrayList<>();
    StringBuilder all = new StringBuilder();
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(stream("/agents/room-agent/sse/events")))) {
      String line;
      while ((line = lines.readLine()) != null) {
        all.append(line).append('\n');
        if (line.startsWith("data: tick") || line.startsWith("event: done")) {
          arrivals.add((System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    assertEquals(
        "data: tick 0\n\ndata: tick 1\n\ndata: tick 2\n\nevent: done\ndata: bye\n\n",
        all.toString());
    // three 20 ms waits separate the first tick from the end: the first must arrive well before it
    assertTrue(
        arrivals.get(3) - arrivals.get(0) >= 40,
        "events arrived as produced, not buffered whole: " + arrivals);
  }

  @Test
  void aClientThatGoesAwayStopsTheStream() throws Exception {
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(stream("/agents/room-agent/s2/endless")))) {
      assertEquals("chunk 0", lines.readLine());
      assertEquals("chunk 1", lines.readLine());
    }
    RoomAgent.awaitEvent(e -> e.startsWith("endless stopped"));
  }

  @Test
  void aStreamThatNeverLooksIsToldTheClientLeftByAnException() throws Exception {
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(stream("/agents/room-agent/s3/flood")))) {
      assertEquals("chunk 0", lines.readLine());
    }
    RoomAgent.awaitEvent(e -> e.startsWith("flood cancelled") && e.endsWith("went away"));
  }

  @Test
  void anOversizedBodyIs413() {
    Answer answer = request(HttpMethod.POST, "/agents/room-agent/big/echo", "x".repeat(100_000));
    assertEquals(413, answer.status());
    assertEquals(0, agents.liveInstances());
  }

  @Test
  void hostileNamesAreServedAsOpaqueNames() {
    for (String name : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%F0%9F%9A%80", "a.b.c")) {
      Answer answer = request(HttpMethod.GET, "/agents/room-agent/" + name + "/state", null);
      assertEquals(200, answer.status(), name);
    }
    Answer tooLong =
        request(HttpMethod.GET, "/agents/room-agent/" + "n".repeat(5000) + "/state", null);
    assertEquals(400, tooLong.status());
  }

  @Test
  void beforeHooksCanRejectSoTheAgentIsNeverActivated() {
    gateway.beforeRequest(
        (target, request) ->
            Future.succeededFuture(
                "secret".equals(request.headers().get("x-token"))
                    ? null
                    : Rejection.of(401, "Unauthorized")));
    gateway.beforeConnect(
        (target, request) ->
            Future.succeededFuture(
                target.name().startsWith("private") ? Rejection.of(403, "Forbidden") : null));
    Answer refused = request(HttpMethod.GET, "/agents/room-agent/h/state", null);
    assertEquals(401, refused.status());
    assertEquals("Unauthorized", refused.body());
    UpgradeRejectedException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            UpgradeRejectedException.class,
            () ->
                wsClient
                    .connect(
                        new WebSocketConnectOptions()
                            .setPort(port)
                            .setHost("127.0.0.1")
                            .setURI("/agents/room-agent/private-1"))
                    .await());
    assertEquals(403, e.getStatus());
    assertEquals(0, agents.liveInstances());
    Answer allowed =
        http.request(
                new RequestOptions()
                    .setPort(port)
                    .setHost("127.0.0.1")
                    .setURI("/agents/room-agent/h/state")
                    .putHeader("x-token", "secret"))
            .compose(req -> req.send())
            .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b.toString(), res)))
            .await();
    assertEquals(200, allowed.status());
  }
}
