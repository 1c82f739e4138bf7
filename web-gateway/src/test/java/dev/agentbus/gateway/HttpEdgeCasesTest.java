package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the gateway answers to odd and malformed HTTP requests, sent raw: paths, methods, bodies and
 * headers, each with its status (-1: closed without an answer) and nothing logged but, at most, a
 * line at DEBUG. Bodies are limited to 64 KiB here, and a request that stops coming to 300 ms. One
 * gateway serves every row, so the table runs in seconds.
 */
@ExtendWith(VertxExtension.class)
class HttpEdgeCasesTest {

  private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n";

  @TempDir static Path dataDir;
  static Vertx vertx;
  static AgentBus agents;
  static AgentGateway gateway;
  static int port;

  @BeforeAll
  static void startGateway(Vertx vertx) {
    HttpEdgeCasesTest.vertx = vertx;
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agents.register(RoomAgent.class);
    GatewayOptions options =
        new GatewayOptions()
            .setPort(0)
            .setHost("127.0.0.1")
            .setMaxMessageBytes(64 * 1024)
            .setHeaderTimeoutMs(300)
            .setBodyTimeoutMs(300);
    gateway = AgentGateway.create(vertx, agents, options);
    port = gateway.listen(null).await().actualPort();
  }

  @AfterAll
  static void stopGateway() {
    gateway.close().await();
    agents.close().await();
  }

  private static String get(String target) {
    return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
  }

  private static String post(String headers, String body) {
    return "POST /agents/room-agent/t/echo HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n" + body;
  }

  private static String chunked(String body) {
    return post("Transfer-Encoding: chunked\r\n", body);
  }

  private static String upgrade(String path, String headers) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + UPGRADE + headers + "\r\n";
  }

  static List<Arguments> rows() {
    List<Arguments> rows = new ArrayList<>();
    // paths
    row(rows, "the prefix alone", get("/agents"), 404);
    row(rows, "the prefix and a slash", get("/agents/"), 404);
    row(rows, "an agent without a name", get("/agents/room-agent"), 404);
    row(rows, "an agent and a slash", get("/agents/room-agent/"), 404);
    row(rows, "a name", get("/agents/room-agent/t/state"), 200);
    row(rows, "an unknown agent", get("/agents/nope/t"), 400);
    row(rows, "a path the agent does not serve", get("/agents/room-agent/t/nothing"), 404);
    row(rows, "a path outside the prefix", get("/elsewhere"), 404);
    for (String name : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%F0%9F%9A%80", "%3Cb%3E")) {
      row(rows, "the hostile name " + name, get("/agents/room-agent/" + name + "/state"), 200);
    }
    row(rows, "a bad escape %zz", get("/agents/room-agent/%zz/state"), 400);
    row(rows, "a lone %", get("/agents/room-agent/a%"), 400);
    row(rows, "a cut escape %4", get("/agents/%4"), 400);
    row(rows, "a double leading slash", get("//agents/room-agent/t/state"), 200);
    row(rows, "dot segments as the name", get("/agents/room-agent/../room-agent/t/state"), 200);
    row(rows, "dot segments as the agent", get("/agents/../agents/room-agent/t/state"), 400);
    row(rows, "dot segments above the root", get("/../../etc/passwd"), 404);
    row(rows, "a name over maxNameBytes", get("/agents/room-agent/" + "n".repeat(5000)), 400);
    row(rows, "a request line over 8 KB", get("/agents/room-agent/" + "n".repeat(9000)), 414);
    row(rows, "a target without a slash", get("agents/room-agent/t/state"), 400);
    row(rows, "an absolute-form target", get("http://x/agents/room-agent/t/state"), 200);
    row(rows, "the * target", get("*"), 400);
    row(rows, "OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    // methods
    for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
      row(
          rows,
          method,
          method + " /agents/room-agent/t/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
          200);
    }
    row(
        rows,
        "an unknown method",
        "BREW /agents/room-agent/t/echo HTTP/1.1\r\nHost: x\r\n\r\n",
        200);
    row(rows, "CONNECT host:port", "CONNECT x:443 HTTP/1.1\r\nHost: x:443\r\n\r\n", 400);
    row(
        rows,
        "CONNECT a path",
        "CONNECT /agents/room-agent/t/echo HTTP/1.1\r\nHost: x\r\n\r\n",
        400);
    // bodies
    row(rows, "a body", post("Content-Length: 5\r\n", "hello"), 200);
    row(rows, "a body over the limit", post("Content-Length: 100000\r\n", ""), 413);
    row(rows, "a non-numeric length", post("Content-Length: abc\r\n", ""), 400);
    row(rows, "a negative length", post("Content-Length: -1\r\n", ""), 400);
    row(rows, "two lengths", post("Content-Length: 1\r\nContent-Length: 2\r\n", "ab"), 400);
    row(rows, "a body shorter than its length", post("Content-Length: 10\r\n", "short"), 408);
    row(rows, "chunked", chunked("5\r\nhello\r\n0\r\n\r\n"), 200);
    row(
        rows,
        "chunked over the limit",
        chunked("20000\r\n" + "x".repeat(0x20000) + "\r\n0\r\n\r\n"),
        413);
    row(rows, "a chunk size that is not hex", chunked("zz\r\nhello\r\n0\r\n\r\n"), 400);
    row(rows, "a chunk without its CRLF", chunked("5\r\nhelloXX0\r\n\r\n"), 400);
    row(rows, "a chunk size too big", chunked("fffffffffffffffff\r\nhello\r\n0\r\n\r\n"), 400);
    row(rows, "a truncated chunk", chunked("a\r\nhel"), 408);
    row(rows, "a transfer coding not chunked", post("Transfer-Encoding: gzip\r\n", ""), 400);
    row(rows, "chunked then gzip", post("Transfer-Encoding: chunked, gzip\r\n", ""), 400);
    row(
        rows,
        "chunked beside a length (chunked wins)",
        post("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
        200);
    // headers and versions
    row(rows, "no Host", "GET /agents/room-agent/t/state HTTP/1.1\r\n\r\n", 400);
    row(rows, "no Host in HTTP/1.0", "GET /agents/room-agent/t/state HTTP/1.0\r\n\r\n", 200);
    row(rows, "two Hosts", "GET /agents HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
    row(rows, "an invalid Host", "GET /agents HTTP/1.1\r\nHost: a b\r\n\r\n", 400);
    row(
        rows,
        "headers over 8 KB",
        "GET /agents HTTP/1.1\r\nHost: x\r\nX: " + "b".repeat(9000) + "\r\n\r\n",
        431);
    row(rows, "a header without a colon", "GET /agents HTTP/1.1\r\nHost: x\r\nBroken\r\n\r\n", 400);
    row(rows, "HTTP/9.9", "GET /agents HTTP/9.9\r\nHost: x\r\n\r\n", 501);
    row(rows, "the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 501);
    row(rows, "garbage", "\u0001\u0002garbage\r\n\r\n", 400);
    row(rows, "a head that stops", "GET /agents HTTP/1.1\r\nHo", 408);
    // WebSocket handshakes, the gateway's and the SockJS bridge's
    row(
        rows,
        "a WebSocket",
        upgrade("/agents/room-agent/t", KEY + "Sec-WebSocket-Version: 13\r\n"),
        101);
    row(
        rows,
        "a WebSocket without key",
        upgrade("/agents/room-agent/t", "Sec-WebSocket-Version: 13\r\n"),
        400);
    row(rows, "a WebSocket without version", upgrade("/agents/room-agent/t", KEY), 426);
    row(
        rows,
        "a WebSocket of version 99",
        upgrade("/agents/room-agent/t", KEY + "Sec-WebSocket-Version: 99\r\n"),
        426);
    for (String path : List.of("/eventbus/websocket", "/eventbus/123/abcd/websocket")) {
      row(
          rows,
          "SockJS " + path + " without key",
          upgrade(path, "Sec-WebSocket-Version: 13\r\n"),
          400);
      row(rows, "SockJS " + path + " without version", upgrade(path, KEY), 426);
    }
    return rows;
  }

  private static void row(List<Arguments> rows, String name, String request, int status) {
    rows.add(Arguments.of(name, request, status));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("rows")
  void eachRequestGetsItsStatusAndNoStackTrace(String name, String request, int status) {
    try (LogCapture log = new LogCapture()) {
      RawConnection connection = RawConnection.open(vertx, port, request);
      assertEquals(status, connection.awaitStatus(), name + ": " + connection.text());
      connection.close();
      // a later request on the same event loop: what the first one logs is logged by then
      RawConnection later = RawConnection.open(vertx, port, get("/agents"));
      assertEquals(404, later.awaitStatus());
      later.close();
      log.assertAtMostOneDebugLine(name);
    }
  }
}
