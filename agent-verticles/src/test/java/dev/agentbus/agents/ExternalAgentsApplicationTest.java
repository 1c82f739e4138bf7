package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application, run as a real process with an agent jar built by the test: the jar's agent is
 * served over WebSocket and HTTP next to the demo agents, and a bad jar stops the start.
 */
@ExtendWith(VertxExtension.class)
class ExternalAgentsApplicationTest {

  @TempDir Path dir;

  private Process start(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("AGENTBUS_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("AGENTBUS_PORT", "0");
    builder.environment().remove("AGENTBUS_AGENTS");
    return builder.start();
  }

  @Test
  void anAgentFromAJarIsServedOverWebSocketAndHttp(Vertx vertx) throws Exception {
    Path agentsDir = Files.createDirectories(dir.resolve("agents"));
    AgentJarBuilder.build(
        agentsDir.resolve("greeter.jar"),
        Map.of("com.example.greeter.GreeterAgent", AgentJarBuilder.GREETER),
        "com.example.greeter.GreeterAgent\n");
    Process app = start("--agents", agentsDir.toString());
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      Matcher started = AppProcess.awaitStart(out);
      assertEquals(
          "assistant-agent, conversations-agent, counter-agent, greeter-agent, poll-agent, todo-agent",
          started.group(1));
      int port = Integer.parseInt(started.group(2));

      try (SocketClient client = new SocketClient(vertx, port, "/agents/greeter-agent/hall")) {
        assertEquals("greeter-agent", client.next("cf_agent_identity").getString("agent"));
        assertEquals(
            new JsonObject().put("times", 0), client.next("cf_agent_state").getJsonObject("state"));
        client.ready();
        assertEquals("Hello, Ann!", client.call("1", "greet", "Ann").getString("result"));
        assertEquals("Greet whom?", client.call("2", "greet", "").getString("error"));
        assertEquals("Method nope does not exist", client.call("3", "nope").getString("error"));
      }
      String body =
          vertx
              .createHttpClient()
              .request(HttpMethod.GET, port, "127.0.0.1", "/agents/greeter-agent/hall")
              .compose(request -> request.send())
              .compose(response -> response.body())
              .await()
              .toString();
      assertEquals(new JsonObject().put("times", 1), new JsonObject(body));
    } finally {
      app.destroy();
      app.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMissingJarInTheConfigurationStopsTheStartWithItsReason() throws Exception {
    Path missing = dir.resolve("gone.jar");
    Path config = dir.resolve("config.json");
    Files.writeString(config, new JsonObject().put("agents", List.of(missing.toString())).encode());
    Process app = start("--config", config.toString());
    assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the application did not stop");
    String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, app.exitValue(), output);
    assertEquals(
        "AgentBus cannot start: Agent jar not found: " + missing.toAbsolutePath(), output.strip());
  }
}
