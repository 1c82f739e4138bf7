package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.chat.ChatModelOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Runs the {@code agentbus} npm package's checks ({@code client-js}, {@code npm run verify}: type
 * check, build with types, vitest) against the application as {@code Main} serves it: the gateway
 * with the demo agents ({@link Main#DEMO_AGENTS}, the stand-in chat model) and the demo page at
 * {@code /}. Its unit, integration and browser tests (Debian's Chromium through playwright-core)
 * all run; the address goes in {@code AGENTBUS_ADDRESS}. Its packages are installed by {@code
 * ./agentbus test} ({@code npm ci}), which also turns on the Maven profile that builds the demo
 * page.
 */
@ExtendWith(VertxExtension.class)
class ClientJsTest {

  static final Path CLIENT_JS = Path.of("../client-js");

  @TempDir Path dataDir;
  LiveGateway live;

  @BeforeEach
  void start(Vertx vertx) {
    live =
        LiveGateway.start(
            vertx, dataDir, DemoPage.router(vertx, new ChatModelOptions()), Main.DEMO_AGENTS);
  }

  @AfterEach
  void stop() {
    live.close();
  }

  @Test
  void theClientPackagePassesItsUnitIntegrationAndBrowserTests()
      throws IOException, InterruptedException {
    Path report = dataDir.resolve("vitest.json");
    assertTrue(
        Files.isDirectory(CLIENT_JS.resolve("node_modules/vitest")),
        "run 'npm ci' in client-js first (./agentbus test does)");
    assertTrue(DemoPage.isBuilt(), "the demo page was not built into webroot/");
    String output =
        ScriptRun.runAndExpectSuccess(
            CLIENT_JS,
            dataDir.resolve("client-js.log"),
            Map.of("AGENTBUS_ADDRESS", "127.0.0.1:" + live.port, "NO_COLOR", "1"),
            300,
            List.of(
                "npm",
                "run",
                "--silent",
                "verify",
                "--",
                "--reporter=default",
                "--reporter=json",
                "--outputFile.json=" + report.toAbsolutePath()));
    JsonObject results = new JsonObject(Files.readString(report, StandardCharsets.UTF_8));
    assertEquals(0, results.getInteger("numFailedTests"), output);
    for (String kind : new String[] {"unit", "integration", "browser"}) {
      long passed =
          results.getJsonArray("testResults").stream()
              .map(JsonObject.class::cast)
              .filter(file -> file.getString("name").contains("/test/" + kind + "/"))
              .filter(file -> file.getString("status").equals("passed"))
              .count();
      assertTrue(passed > 0, "no " + kind + " test file passed:\n" + output);
    }
  }
}
