package dev.agentbus.agents;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentCallException;
import dev.agentbus.examples.groovy.PollAgent;
import dev.agentbus.examples.kotlin.TodoAgent;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runnable application: starts the runtime with the demo agents (Java, Kotlin and Groovy) and
 * any agents from outside jars, and the web gateway (port 8080 by default, {@code AGENTBUS_PORT})
 * with the demo page at {@code /}, and reads calls from the console, one per line: {@code <agent>
 * <instance> <method> [json-arg...]}, e.g. {@code counter-agent room-1 increment 1}. Options come
 * from {@code --config <file.json>} and the {@code AGENTBUS_*} environment variables; SIGTERM or
 * Ctrl-C hibernates every instance before exit. A start that cannot happen (bad options, a bad
 * agent jar) prints why and exits with status 2.
 */
public final class Main {

  /** The demo agents every run serves: one written in Java, one in Kotlin, one in Groovy. */
  public static final List<Class<? extends Agent<?>>> DEMO_AGENTS =
      List.of(CounterAgent.class, TodoAgent.class, PollAgent.class);

  private static final String USAGE =
      "Usage: agentbus-app [--config <file.json>] [--agents <jar-or-directory>[,...]]";

  private Main() {}

  /**
   * @param args {@code [--config <file.json>] [--agents <jar-or-directory>[,...]]}
   * @throws IOException if the configuration file cannot be read
   */
  public static void main(String[] args) throws IOException {
    AgentBusOptions options;
    GatewayOptions gatewayOptions;
    AgentJars jars;
    try {
      Map<String, String> flags = flags(args);
      JsonObject config =
          flags.containsKey("--config")
              ? new JsonObject(Files.readString(Path.of(flags.get("--config"))))
              : new JsonObject();
      options = AgentBusOptions.fromEnv(new AgentBusOptions(config), System.getenv());
      gatewayOptions = gatewayOptions(config);
      jars =
          AgentJars.load(
              agentPaths(flags.get("--agents"), System.getenv("AGENTBUS_AGENTS"), config),
              Main.class.getClassLoader());
    } catch (IllegalArgumentException e) {
      System.err.println("AgentBus cannot start: " + e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    AgentBus agents = AgentBus.create(vertx, options);
    try {
      DEMO_AGENTS.forEach(agents::register);
      jars.registerWith(agents);
    } catch (IllegalArgumentException e) {
      System.err.println("AgentBus cannot start: " + e.getMessage());
      agents.close().await();
      vertx.close().await();
      System.exit(2);
      return;
    }
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
            + agents.agentNames().stream().sorted().toList()
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

  /** The command line's options and their values; anything else is a usage error. */
  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!List.of("--config", "--agents").contains(args[i]) || i + 1 >= args.length) {
        throw new IllegalArgumentException(USAGE);
      }
      flags.put(args[i], args[i + 1]);
    }
    return flags;
  }

  /**
   * Where the outside agents are: {@code --agents}, else {@code AGENTBUS_AGENTS} (both
   * comma-separated), else the configuration's {@code agents} (an array, or a comma-separated
   * string).
   */
  static List<Path> agentPaths(String flag, String env, JsonObject config) {
    Object configured = config.getValue("agents");
    String list = flag != null ? flag : env;
    List<String> entries = new ArrayList<>();
    if (list != null) {
      entries.addAll(List.of(list.split(",")));
    } else if (configured instanceof JsonArray array) {
      array.forEach(entry -> entries.add(String.valueOf(entry)));
    } else if (configured instanceof String text) {
      entries.addAll(List.of(text.split(",")));
    } else if (configured != null) {
      throw new IllegalArgumentException(
          "The configuration key 'agents' must be an array of paths, got " + configured);
    }
    return entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(Path::of).toList();
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
