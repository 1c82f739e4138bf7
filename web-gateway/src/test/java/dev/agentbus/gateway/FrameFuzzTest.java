package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.FuzzFrames.Action;
import dev.agentbus.gateway.FuzzFrames.Closing;
import dev.agentbus.gateway.FuzzFrames.Frame;
import dev.agentbus.gateway.RawWebSocket.Received;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Frames of every kind, valid or not, on live sockets of a real gateway and runtime. Whatever a
 * client sends, the node keeps running, no method that is not {@code @Callable} is reached, the
 * socket either stays usable (a call afterwards is answered) or is closed with the code RFC 6455
 * and docs/protocol.md give, and a healthy socket on another instance keeps answering. Each try
 * opens its own socket. {@code -Dagentbus.fuzz.tries=N} runs N tries of each property. jqwik's edge
 * cases are off: they are mostly small numbers of the call generators and would crowd the other
 * kinds out; the generators name their own edges (the size limit, 1,000-deep nesting, 1e400,
 * 1,000-digit numbers).
 */
@AddLifecycleHook(FuzzTries.class)
class FrameFuzzTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final FuzzTally TALLY = new FuzzTally();
  private static final AtomicLong SOCKETS = new AtomicLong();

  private static Path dataDir;
  private static Vertx vertx;
  private static AgentBus agents;
  private static AgentGateway gateway;
  private static int port;
  private static RawWebSocket healthy;

  @BeforeContainer
  static void startGateway() throws IOException {
    dataDir = Files.createTempDirectory("frame-fuzz");
    vertx = Vertx.vertx();
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agents.register(FuzzAgent.class);
    // No pings: a pong of the client's would share a read with a refused frame (see SocketSessions)
    GatewayOptions options =
        new GatewayOptions().setPort(0).setHost("127.0.0.1").setPingIntervalMs(0);
    gateway = AgentGateway.create(vertx, agents, options);
    port = gateway.listen(null).await().actualPort();
    healthy = open("healthy");
    TALLY.startCapturingLogs();
  }

  @AfterContainer
  static void stopGateway() throws IOException {
    TALLY.stopCapturingLogs();
    healthy.close();
    gateway.close().await();
    agents.close().await();
    vertx.close().await();
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
    System.out.println(TALLY.report());
  }

  @Provide
  Arbitrary<List<Action>> sessions() {
    return FuzzFrames.actions().list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 1200, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void framesTheProtocolAllowsAreAnsweredAndLeaveTheSocketUsable(
      @ForAll("sessions") List<Action> actions) {
    List<JsonObject> expected = new ArrayList<>();
    try (RawWebSocket socket = open("room-" + SOCKETS.incrementAndGet() % 4)) {
      for (Action action : actions) {
        send(socket, action.kind(), action.frames());
        if (action.message() != null) {
          expected.add(Reactions.expected(action.message()));
        }
      }
      String probe = FuzzMessages.rpc("probe", "echo", new JsonArray().add("still here"));
      send(
          socket,
          "probe call",
          List.of(Frame.of(RawWebSocket.TEXT, probe.getBytes(StandardCharsets.UTF_8))));
      expected.add(Reactions.expected(probe));
      ReplyReader replies = new ReplyReader(() -> nextFrame(socket));
      for (JsonObject reaction : expected) {
        Reactions.check(reaction, replies, TALLY);
      }
    }
    TALLY.keptUsable();
    assertTheNodeIsWell();
  }

  @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void protocolViolationsCloseTheSocketWith1002(@ForAll("protocolViolations") Closing violation) {
    assertClosedAsExpected(violation);
  }

  @Property(tries = 150, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void invalidUtf8ClosesTheSocketWith1007(@ForAll("invalidUtf8") Closing invalid) {
    assertClosedAsExpected(invalid);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void messagesOverTheLimitCloseTheSocketWith1009(@ForAll("oversized") Closing oversized) {
    assertClosedAsExpected(oversized);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
  void aClientsCloseIsAnsweredWithItsCode(@ForAll("clientCloses") Closing close) {
    assertClosedAsExpected(close);
  }

  @Provide
  Arbitrary<Closing> protocolViolations() {
    return FuzzFrames.violations();
  }

  @Provide
  Arbitrary<Closing> invalidUtf8() {
    return FuzzFrames.invalidUtf8();
  }

  @Provide
  Arbitrary<Closing> oversized() {
    return FuzzFrames.oversized();
  }

  @Provide
  Arbitrary<Closing> clientCloses() {
    return FuzzFrames.clientCloses();
  }

  /**
   * Sends the frames, each once the server has read the one before (when a refused frame comes in
   * the same read as earlier ones, Vert.x drops the connection before the close frame is out: see
   * SocketSessions), then expects a close frame with the code as the very first thing the server
   * sends (no message of the frames reached the agent), and nothing after it but the end of the
   * connection.
   */
  private static void assertClosedAsExpected(Closing closing) {
    try (RawWebSocket socket = open("room-" + SOCKETS.incrementAndGet() % 4)) {
      TALLY.sent(closing.kind(), closing.frames().size());
      for (Frame frame : closing.frames()) {
        socket.sync();
        socket.frame(frame.opcode(), frame.fin(), frame.rsv(), frame.masked(), frame.payload());
      }
      Received first = socket.next(WAIT);
      TALLY.closed(closing, first);
      if (!(first instanceof RawWebSocket.Close close)) {
        throw new AssertionError(
            closing.kind() + ": expected a close frame with " + closing.code() + ", got " + first);
      }
      assertEquals(closing.code(), close.code(), closing.kind() + ": close code; " + close);
      Received after = socket.next(WAIT);
      assertTrue(
          after instanceof RawWebSocket.Ended,
          closing.kind() + ": after its close frame the server sent " + after);
    }
    assertTheNodeIsWell();
  }

  private static void assertTheNodeIsWell() {
    String id = "healthy-" + SOCKETS.incrementAndGet();
    healthy.text(FuzzMessages.rpc(id, "echo", new JsonArray().add(id)));
    JsonObject answer = nextFrame(healthy);
    assertEquals(id, answer.getString("id"), "the healthy socket's answer: " + answer);
    assertEquals(id, answer.getValue("result"), "the healthy socket's answer: " + answer);
    assertEquals(List.of(), FuzzAgent.REACHED, "non-callable methods reached through RPC");
    assertEquals(
        List.of(),
        TALLY.logged(Level.WARNING).stream().map(LogRecord::getMessage).toList(),
        "warnings and errors the node logged (a client's mistake is logged at DEBUG at most)");
    assertTrue(
        FuzzAgent.LONGEST_MESSAGE.get() <= FuzzMessages.MAX,
        "a message of " + FuzzAgent.LONGEST_MESSAGE + " bytes reached onMessage");
  }

  private static void send(RawWebSocket socket, String kind, List<Frame> frames) {
    TALLY.sent(kind, frames.size());
    for (Frame frame : frames) {
      assertTrue(
          socket.frame(frame.opcode(), frame.fin(), frame.rsv(), frame.masked(), frame.payload()),
          () -> kind + ": the gateway dropped the connection; it sent " + socket.next(WAIT));
    }
  }

  /** The next JSON frame that is not a state broadcast (calls of increment send those). */
  private static JsonObject nextFrame(RawWebSocket socket) {
    while (true) {
      Received received = socket.next(WAIT);
      if (!(received instanceof RawWebSocket.Text(String text))) {
        throw new AssertionError("expected a text frame, got " + received);
      }
      JsonObject frame = new JsonObject(text);
      if (!"cf_agent_state".equals(frame.getString("type"))) {
        return frame;
      }
    }
  }

  /** Opens a socket to an instance of the fuzz agent and reads its three connect frames. */
  private static RawWebSocket open(String instance) {
    try {
      RawWebSocket socket = RawWebSocket.connect(port, "/agents/fuzz-agent/" + instance);
      for (String type : List.of("cf_agent_identity", "cf_agent_state", "cf_agent_mcp_servers")) {
        Received received = socket.next(WAIT);
        assertTrue(
            received instanceof RawWebSocket.Text(String text)
                && type.equals(new JsonObject(text).getString("type")),
            "expected " + type + ", got " + received);
      }
      return socket;
    } catch (IOException e) {
      throw new AssertionError("cannot open a socket", e);
    }
  }
}
