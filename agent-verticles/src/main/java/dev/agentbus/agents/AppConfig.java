package dev.agentbus.agents;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.chat.ChatModelOptions;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the application runs with: the runtime's options, the gateway's and the agent jars, from
 * four layers, each over the one before: the defaults, the configuration file ({@code --config},
 * {@link ConfigFile}), the environment ({@link EnvVariables}) and the flags ({@code --port}, {@code
 * --data}, {@code --agents}). Each value goes through its option's setter, so a value the option
 * refuses stops the start with a message naming where it came from, e.g. {@code environment
 * variable AGENTBUS_PORT: port must be a whole number up to 2147483647, got "http"}.
 *
 * @param runtime the runtime's options
 * @param gateway the gateway's options
 * @param agents the jars and directories of jars to serve agents from
 * @param chat the node's chat model; unless it is the default (the stand-in), also in the runtime's
 *     {@code agentConfig} under {@code chat}, where {@code ChatAgent.chatModel()} reads it
 */
public record AppConfig(
    AgentBusOptions runtime, GatewayOptions gateway, List<Path> agents, ChatModelOptions chat) {

  /**
   * One option set by one source.
   *
   * @param source where the value comes from, e.g. {@code environment variable AGENTBUS_PORT}
   * @param option the option's JSON key, e.g. {@code port}
   * @param value its JSON value
   */
  public record Setting(String source, String option, Object value) {}

  /**
   * Reads the configuration.
   *
   * @param line the command line
   * @param env the environment, e.g. {@code System.getenv()}
   * @return the configuration
   * @throws IllegalArgumentException with a one-line message that names the file, variable or flag
   *     and the option at fault
   */
  public static AppConfig load(CommandLine line, Map<String, String> env) {
    String configFlag = line.value("--config");
    JsonObject file = configFlag == null ? new JsonObject() : ConfigFile.read(Path.of(configFlag));
    String fileLabel = configFlag == null ? "configuration" : ConfigFile.label(Path.of(configFlag));
    JsonObject fileRuntime = file.copy();
    ConfigFile.APPLICATION_KEYS.forEach(fileRuntime::remove);
    JsonObject fileGateway = file.getJsonObject("gateway", new JsonObject());

    List<Setting> runtimeSettings =
        new ArrayList<>(EnvVariables.settings(env, new AgentBusOptions().toJson()));
    List<Setting> gatewaySettings =
        new ArrayList<>(EnvVariables.settings(env, new GatewayOptions().toJson()));
    if (line.value("--data") != null) {
      runtimeSettings.add(new Setting("--data", "dataDir", line.value("--data")));
    }
    if (line.value("--port") != null) {
      gatewaySettings.add(
          new Setting("--port", "port", EnvVariables.value(line.value("--port"), 0)));
    }
    AgentBusOptions runtime = from(fileLabel, AgentBusOptions::new, fileRuntime);
    GatewayOptions gateway = from(fileLabel, GatewayOptions::new, fileGateway);
    runtime = apply(runtime, runtimeSettings, AgentBusOptions::new, AgentBusOptions::toJson);
    gateway = apply(gateway, gatewaySettings, GatewayOptions::new, GatewayOptions::toJson);
    List<Path> agents =
        agentPaths(line.value("--agents"), env.get(EnvVariables.name("agents")), file);
    ChatModelOptions chat = ChatConfig.load(fileLabel, file.getValue(ChatConfig.KEY), env);
    if (!chat.toJson().equals(new ChatModelOptions().toJson())) {
      runtime.setAgentConfig(runtime.getAgentConfig().copy().put(ChatConfig.KEY, chat.toJson()));
    }
    return new AppConfig(runtime, gateway, agents, chat);
  }

  /** The options changed by each setting in turn. */
  private static <T> T apply(
      T options,
      List<Setting> settings,
      Function<JsonObject, T> fromJson,
      Function<T, JsonObject> toJson) {
    for (Setting setting : settings) {
      JsonObject json = toJson.apply(options).put(setting.option(), setting.value());
      options = from(setting.source(), fromJson, json);
    }
    return options;
  }

  private static <T> T from(String source, Function<JsonObject, T> fromJson, JsonObject json) {
    try {
      return fromJson.apply(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Where the outside agents are: {@code --agents}, else {@code AGENTBUS_AGENTS} (both
   * comma-separated), else the configuration's {@code agents} (an array of paths, or a
   * comma-separated string).
   *
   * @param flag the value of {@code --agents}, or {@code null}
   * @param env the value of {@code AGENTBUS_AGENTS}, or {@code null}
   * @param config the configuration file's object
   * @return the paths, blank entries left out
   * @throws IllegalArgumentException if the configuration's {@code agents} is of another type
   */
  public static List<Path> agentPaths(String flag, String env, JsonObject config) {
    Object configured = config.getValue("agents");
    String list = flag != null ? flag : env;
    List<String> entries = new ArrayList<>();
    if (list != null) {
      entries.addAll(List.of(list.split(",")));
    } else if (configured instanceof JsonArray array
        && array.stream().allMatch(entry -> entry instanceof String)) {
      array.forEach(entry -> entries.add((String) entry));
    } else if (configured instanceof String text) {
      entries.addAll(List.of(text.split(",")));
    } else if (configured != null) {
      throw new IllegalArgumentException(
          "agents must be an array of paths or a comma-separated string, got "
              + Json.encode(configured));
    }
    return entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(Path::of).toList();
  }
}
