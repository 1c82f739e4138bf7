package dev.agentbus.agents;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentCallException;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runnable application: starts the runtime with the demo agents and the web gateway (port 8080
 * by default, {@code AGENTBUS_PORT}) with the demo page at {@code /}, and reads calls from the
 * console, one per line: {@code <agent> <instance> <method> [json-arg...]}, e.g. {@code
 * counter-agent room-1 increment 1}. Options come from {@code --config <file.json>} and the {@code
 * AGENTBUS_*} environment variables; SIGTERM or Ctrl-C hibernates every instance before exit.
 */
public final class Main {

  private Main() {}

  /**
   * @param args {@code [--config <file.json>]}
   * @throws IOException if the configuration file cannot be read
   */
  public static void main(String[] args) throws IOException {
    JsonObject config = readConfig(args);
    AgentBusOptions options = AgentBusOptions.fromEnv(new AgentBusOptions(config), System.getenv());
    GatewayOptions gatewayOptions = gatewayOptions(config);
    Vertx vertx = Vertx.vertx();
    AgentBus agents = AgentBus.create(vertx, options);
    agents.register(CounterAgent.class);
    AgentGateway gateway = AgentGateway.create(vertx, agents, gatewayOptions);
    HttpServer server = gateway.listen(DemoPage.router(vertx)).await();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close().await();
                  agents.close().await();
                  vertx.close().await();
                }));
    System.out.println(
        "AgentBus started with agents "
            + agents.agentNames()
            + " on http://localhost:"
            + server.actualPort()
            + "/"
            + gatewayOptions.getPrefix()
            + "/<agent>/<name>; data in "
            + Path.of(options.getDataDir()).toAbsolutePath()
            + ". Call one per line, e.g.: counter-agent room-1 increment 1");
    System.out.println(
        DemoPage.isBuilt()
            ? "Demo page: http://localhost:" + server.actualPort() + "/"
            : "The demo page was not built (it needs Node.js and npm: use ./agentbus run).");
    BufferedReader console =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = console.readLine()) != null) {
      if (!line.isBlank()) {
        System.out.println(call(agents, line.trim()));
      }
    }
    // No console (stdin closed): keep serving until stopped.
  }

  /** The configuration file's JSON: runtime options at the top, gateway options under "gateway". */
  private static JsonObject readConfig(String[] args) throws IOException {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return new JsonObject(Files.readString(Path.of(args[i + 1])));
      }
    }
    if (args.length > 0) {
      throw new IllegalArgumentException("Usage: agentbus-app [--config <file.json>]");
    }
    return new JsonObject();
  }

  private static GatewayOptions gatewayOptions(JsonObject config) {
    GatewayOptions options = new GatewayOptions(config.getJsonObject("gateway", new JsonObject()));
    String port = System.getenv("AGENTBUS_PORT");
    if (port != null) {
      options.setPort(Integer.parseInt(port.trim()));
    }
    String cors = System.getenv("AGENTBUS_CORS");
    if (cors != null) {
      options.setCors(Boolean.parseBoolean(cors.trim()));
    }
    return options;
  }

  private static String call(AgentBus agents, String line) {
    String[] words = line.split("\\s+", 4);
    if (words.length < 3) {
      return "usage: <agent> <instance> <method> [json-arg ...]";
    }
    try {
      JsonArray callArgs =
          words.length == 4
              ? new JsonArray("[" + words[3].replace(' ', ',') + "]")
              : new JsonArray();
      Object result =
          agents.get(words[0], words[1]).call(words[2], callArgs.getList().toArray()).await();
      return "=> " + result;
    } catch (AgentCallException | IllegalArgumentException | IllegalStateException e) {
      return "error: " + e.getMessage();
    } catch (RuntimeException e) {
      return "error: " + e;
    }
  }
}
