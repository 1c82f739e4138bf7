package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.GatewayOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layers of the application's configuration (defaults, file, environment, flags), and the
 * configuration file's one-line refusals: unknown keys (with a suggestion), wrong types, a missing
 * file, text that is not JSON.
 */
class AppConfigTest {

  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("app.json"), text);
  }

  private static AppConfig load(Map<String, String> env, String... args) {
    return AppConfig.load(CommandLine.parse(args), env);
  }

  private static String refused(Map<String, String> env, String... args) {
    return assertThrows(IllegalArgumentException.class, () -> load(env, args)).getMessage();
  }

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefaults() throws Exception {
    Path config =
        file(
            """
            {"dataDir": "from-file", "idleTimeoutMs": 1000, "maxNameBytes": 100,
             "gateway": {"port": 1111, "cors": true, "prefix": "file"}}""");
    Map<String, String> env =
        Map.of(
            "AGENTBUS_DATA_DIR",
            "from-env",
            "AGENTBUS_PORT",
            "2222",
            "AGENTBUS_PREFIX",
            "env",
            "AGENTBUS_MAX_NAME_BYTES",
            "200");
    AppConfig both =
        load(env, "--config", config.toString(), "--data", "from-flag", "--port", "3333");
    assertEquals("from-flag", both.runtime().getDataDir());
    assertEquals(3333, both.gateway().getPort());
    assertEquals("env", both.gateway().getPrefix());
    assertEquals(200, both.runtime().getMaxNameBytes());
    assertEquals(1000, both.runtime().getIdleTimeoutMs());
    assertEquals(true, both.gateway().isCors());
    assertEquals(AgentBusOptions.DEFAULT_SQLITE_THREADS, both.runtime().getSqliteThreads());

    AppConfig noFlags = load(env, "--config", config.toString());
    assertEquals("from-env", noFlags.runtime().getDataDir());
    assertEquals(2222, noFlags.gateway().getPort());

    AppConfig fileOnly = load(Map.of(), "--config", config.toString());
    assertEquals("from-file", fileOnly.runtime().getDataDir());
    assertEquals(1111, fileOnly.gateway().getPort());
  }

  @Test
  void agentsComeFromTheFlagElseTheEnvironmentElseTheFile() throws Exception {
    Path config = file("{\"agents\": [\"c1.jar\", \"lib\"]}");
    assertEquals(
        List.of(Path.of("f.jar")),
        load(Map.of("AGENTBUS_AGENTS", "e.jar"), "--config", config.toString(), "--agents", "f.jar")
            .agents());
    assertEquals(
        List.of(Path.of("e.jar")),
        load(Map.of("AGENTBUS_AGENTS", "e.jar"), "--config", config.toString()).agents());
    assertEquals(
        List.of(Path.of("c1.jar"), Path.of("lib")),
        load(Map.of(), "--config", config.toString()).agents());
  }

  @Test
  void theChatModelComesFromTheEnvironmentOverTheFileAndReachesTheAgentsConfiguration()
      throws Exception {
    Path config =
        file(
            """
            {"chat": {"provider": "openai", "model": "from-file", "baseUrl": "http://localhost:1/v1"}}""");
    AppConfig loaded =
        load(
            Map.of("AGENTBUS_CHAT_MODEL", "from-env", "AGENTBUS_CHAT_TEMPERATURE", "0.5"),
            "--config",
            config.toString());
    assertEquals("from-env", loaded.chat().getModel());
    assertEquals(0.5, loaded.chat().getTemperature());
    assertEquals("http://localhost:1/v1", loaded.chat().getBaseUrl());
    assertEquals(loaded.chat().toJson(), loaded.runtime().getAgentConfig().getJsonObject("chat"));
    assertEquals(
        new io.vertx.core.json.JsonObject(),
        load(Map.of()).runtime().getAgentConfig(),
        "the stand-in, by default, adds nothing to the agents' configuration");
  }

  @Test
  void aBadChatSettingIsRefusedNamingItsSource() throws Exception {
    assertEquals(
        "environment variable AGENTBUS_CHAT_TEMPERATURE: chat.temperature must be from 0 to 2,"
            + " got 3.5",
        refused(Map.of("AGENTBUS_CHAT_TEMPERATURE", "3.5")));
    assertEquals(
        "environment variable AGENTBUS_CHAT_PROVIDER: chat." + refusedProvider(),
        refused(Map.of("AGENTBUS_CHAT_PROVIDER", "skynet")));
  }

  private static String refusedProvider() {
    try {
      new dev.agentbus.chat.ChatModelOptions(
          new io.vertx.core.json.JsonObject().put("provider", "skynet"));
      throw new AssertionError("skynet accepted");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Test
  void aBadFlagValueIsRefusedNamingTheFlag() {
    assertEquals(
        "--port: port must be a whole number, got \"eighty\"",
        refused(Map.of(), "--port", "eighty"));
    assertEquals(
        "--port: port must be between 0 and 65535, got -1", refused(Map.of(), "--port=-1"));
    assertEquals(
        "--data: dataDir must be a directory path, got \"\"", refused(Map.of(), "--data="));
  }

  @Test
  void anUnknownKeyIsRefusedWithTheKeyItMayHaveMeant() throws Exception {
    String label = "config file " + dir.resolve("app.json") + ": ";
    assertEquals(
        label + "unknown key \"dataDri\" (did you mean \"dataDir\"?)",
        refused(Map.of(), "--config", file("{\"dataDri\": \"x\"}").toString()));
    assertEquals(
        label + "unknown key \"gateway.prot\" (did you mean \"gateway.port\"?)",
        refused(Map.of(), "--config", file("{\"gateway\": {\"prot\": 1}}").toString()));
    assertEquals(
        label + "unknown key \"port\" (did you mean \"gateway.port\"?)",
        refused(Map.of(), "--config", file("{\"port\": 1}").toString()));
    assertEquals(
        label + "unknown key \"gateway.dataDir\" (did you mean \"dataDir\"?)",
        refused(Map.of(), "--config", file("{\"gateway\": {\"dataDir\": \"d\"}}").toString()));
    assertEquals(
        label + "unknown key \"colour\"",
        refused(Map.of(), "--config", file("{\"colour\": \"blue\"}").toString()));
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingTheKey() throws Exception {
    String label = "config file " + dir.resolve("app.json") + ": ";
    assertEquals(
        label + "idleTimeoutMs must be a whole number, got \"30s\"",
        refused(Map.of(), "--config", file("{\"idleTimeoutMs\": \"30s\"}").toString()));
    assertEquals(
        label + "cors must be true or false, got \"true\"",
        refused(Map.of(), "--config", file("{\"gateway\": {\"cors\": \"true\"}}").toString()));
    assertEquals(
        label + "gateway must be a JSON object of the gateway's options, got 8080",
        refused(Map.of(), "--config", file("{\"gateway\": 8080}").toString()));
    assertEquals(
        label + "gateway must be a JSON object of the gateway's options, got null",
        refused(Map.of(), "--config", file("{\"gateway\": null}").toString()));
    assertEquals(
        label + "agents must be an array of paths or a comma-separated string, got [1]",
        refused(Map.of(), "--config", file("{\"agents\": [1]}").toString()));
  }

  @Test
  void aFileThatIsMissingOrNotAJsonObjectIsRefusedNamingTheFile() throws Exception {
    Path missing = dir.resolve("missing.json");
    assertEquals(
        "config file " + missing + ": not found",
        refused(Map.of(), "--config", missing.toString()));
    String label = "config file " + dir.resolve("app.json") + ": ";
    assertEquals(
        label + "must hold a JSON object, got an array",
        refused(Map.of(), "--config", file("[1, 2]").toString()));
    String notJson = refused(Map.of(), "--config", file("{\n  \"port\": 80,\n}").toString());
    assertTrue(notJson.startsWith(label + "not valid JSON at line 3, column 1: "), notJson);
    assertEquals(1, notJson.lines().count(), notJson);
    assertEquals(
        label + "is empty (an empty object is {})",
        refused(Map.of(), "--config", file(" \n").toString()));
  }

  @Test
  void anEmptyObjectIsTheDefaults() throws Exception {
    AppConfig config = load(Map.of(), "--config", file("{}").toString());
    assertEquals(new AgentBusOptions().toJson(), config.runtime().toJson());
    assertEquals(new GatewayOptions().toJson(), config.gateway().toJson());
  }

  @Test
  void suggestionsCountASwapOfNeighboursAsOneEdit() {
    assertEquals(1, ConfigFile.distance("prot", "port"));
    assertEquals(2, ConfigFile.distance("idletimeout", "idletimeoutms"));
    assertEquals(0, ConfigFile.distance("", ""));
  }
}
