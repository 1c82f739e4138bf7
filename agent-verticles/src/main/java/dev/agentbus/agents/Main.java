package dev.agentbus.agents;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentCallException;
import dev.agentbus.chat.ChatProvider;
import dev.agentbus.chat.impl.NodeChatModels;
import dev.agentbus.examples.groovy.PollAgent;
import dev.agentbus.examples.kotlin.TodoAgent;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The runnable application: starts the runtime with the demo agents (Java, Kotlin and Groovy) and
 * any agents from outside jars, and the web gateway (port 8080 by default) with the demo page at
 * {@code /}, and reads calls from the console, one per line: {@code <agent> <instance> <method>
 * [json-arg...]}, e.g. {@code counter-agent room-1 increment 1}. Options come from the flags, the
 * {@code AGENTBUS_*} environment variables and {@code --config <file.json>}, in that order of
 * precedence ({@link AppConfig}); {@code --help} prints the usage. SIGTERM or Ctrl-C hibernates
 * every instance before exit. A start that cannot happen (an unknown flag, a bad option, a bad
 * agent jar, a port in use) prints one line saying why and exits with status 2.
 */
public final class Main {

  /**
   * The demo agents every run serves: a counter in Java, a todo list in Kotlin, a poll in Groovy,
   * and the demo page's chat (an assistant per conversation, a list of conversations per user).
   */
  public static final List<Class<? extends Agent<?>>> DEMO_AGENTS =
      List.of(
          CounterAgent.class,
          TodoAgent.class,
          PollAgent.class,
          AssistantAgent.class,
          ConversationsAgent.class);

  private static final String CANNOT_START = "AgentBus cannot start: ";

  private Main() {}

  /**
   * @param args see {@link CommandLine#USAGE}
   * @throws IOException if the console cannot be read
   */
  public static void main(String[] args) throws IOException {
    AppConfig config;
    AgentJars jars;
    try {
      CommandLine line = CommandLine.parse(args);
      if (line.help()) {
        System.out.println(CommandLine.USAGE);
        return;
      }
      config = AppConfig.load(line, System.getenv());
      jars = AgentJars.load(config.agents(), Main.class.getClassLoader());
      createDataDir(Path.of(config.runtime().getDataDir()));
    } catch (CommandLine.UsageError e) {
      System.err.println(CANNOT_START + e.getMessage());
      System.err.println(CommandLine.USAGE);
      System.exit(2);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println(CANNOT_START + e.getMessage());
      System.exit(2);
      return;
    }
    AgentBusOptions options = config.runtime();
    GatewayOptions gatewayOptions = config.gateway();
    Vertx vertx = Vertx.vertx();
    AgentBus agents;
    try {
      agents = AgentBus.create(vertx, options);
    } catch (IllegalStateException | java.io.UncheckedIOException e) { // e.g. the directory's lock
      System.err.println(CANNOT_START + e.getMessage());
      vertx.close();
      System.exit(2);
      return;
    }
    try {
      // a real model is built now, so that one that cannot be built stops the start instead of a
      // first chat (the stand-in, which cannot fail, is built on first use)
      if (config.chat().getProvider() != ChatProvider.STANDIN) {
        NodeChatModels.of(vertx, config.chat().toJson());
      }
    } catch (IllegalArgumentException e) {
      stop(vertx, agents, "chat model: " + e.getMessage());
      return;
    }
    try {
      DEMO_AGENTS.forEach(agents::register);
      jars.registerWith(agents);
    } catch (IllegalArgumentException e) {
      stop(vertx, agents, e.getMessage());
      return;
    }
    AgentGateway gateway = AgentGateway.create(vertx, agents, gatewayOptions);
    HttpServer server;
    try {
      server = gateway.listen(DemoPage.router(vertx, config.chat())).await();
    } catch (Exception e) { // a BindException, thrown by await() although it is checked
      stop(
          vertx,
          agents,
          "cannot listen on "
              + gatewayOptions.getHost()
              + ":"
              + gatewayOptions.getPort()
              + " ("
              + e.getMessage()
              + ")");
      return;
    }
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
    System.out.println(ChatConfig.describe(config.chat()));
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

  private static void createDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "data directory " + dir + " cannot be created (" + e + ")", e);
    }
  }

  /** Prints why the start failed, closes what was started and exits with status 2. */
  private static void stop(Vertx vertx, AgentBus agents, String why) {
    System.err.println(CANNOT_START + why);
    agents.close().await();
    vertx.close().await();
    System.exit(2);
  }

  /**
   * Reads the console's arguments: JSON values separated by white space, so {@code "buy oat milk"}
   * is one string and {@code {"a": 1}} one object.
   */
  private static JsonArray jsonValues(String text) {
    JsonArray values = new JsonArray();
    try (com.fasterxml.jackson.databind.MappingIterator<Object> reader =
        io.vertx.core.json.jackson.DatabindCodec.mapper()
            .readerFor(Object.class)
            .readValues(text)) {
      while (reader.hasNextValue()) {
        values.add(reader.nextValue());
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the arguments must be JSON values separated by spaces, e.g. 1 \"two words\""
              + " {\"k\":true}; "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    return values;
  }

  private static String call(AgentBus agents, String line) {
    String[] words = line.split("\\s+", 4);
    if (words.length < 3) {
      return "usage: <agent> <instance> <method> [json-arg ...]";
    }
    try {
      JsonArray callArgs = words.length == 4 ? jsonValues(words[3]) : new JsonArray();
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
