package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.gateway.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real clients in Node against a live gateway: the Cloudflare Agents SDK's own client
 * ({@code agents/client}: {@code AgentClient}, {@code agentFetch}) and the Vert.x event-bus bridge
 * client ({@code @vertx/eventbus-bridge-client.js}), from {@code src/test/node/*.test.mjs}, against
 * the demo agents in Java, Kotlin and Groovy. Its packages are installed by {@code ./agentbus test}
 * ({@code npm ci}).
 */
@ExtendWith(VertxExtension.class)
class AgentsSdkClientTest {

  static final Path NODE_TESTS = Path.of("src/test/node");

  @TempDir Path dataDir;
  LiveGateway live;

  @BeforeEach
  void start(Vertx vertx) {
    live = LiveGateway.start(vertx, dataDir, null, Main.DEMO_AGENTS);
    live.gateway.beforeConnect(
        (target, request) ->
            Future.succeededFuture(
                target.name().startsWith("private") ? Rejection.of(403, "Forbidden") : null));
  }

  @AfterEach
  void stop() {
    live.close();
  }

  @Test
  void theAgentsSdkClientAndTheEventBusBridgeClientWorkAgainstTheGateway()
      throws IOException, InterruptedException {
    assertTrue(
        Files.isDirectory(NODE_TESTS.resolve("node_modules/agents")),
        "run 'npm ci' in agent-verticles/src/test/node first (./agentbus test does)");
    String output =
        ScriptRun.runAndExpectSuccess(
            NODE_TESTS,
            dataDir.resolve("node.log"),
            Map.of("AGENTBUS_ADDRESS", "127.0.0.1:" + live.port),
            120,
            List.of(
                "node",
                "--test",
                "agents-sdk-client.test.mjs",
                "polyglot-agents.test.mjs",
                "eventbus-bridge.test.mjs"));
    assertTrue(output.contains("# fail 0"), output);
  }
}
