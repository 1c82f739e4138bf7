package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every option of the runtime and the gateway can be set by its environment variable, named by one
 * rule; a value the option refuses stops the start naming the variable.
 */
class EnvVariablesTest {

  /** The documented variable of every option (docs/configuration.md), and a value to set. */
  static final Map<String, String> RUNTIME_VARIABLES =
      Map.ofEntries(
          Map.entry("AGENTBUS_DATA_DIR", "/srv/agentbus"),
          Map.entry("AGENTBUS_ADDRESS_PREFIX", "bots"),
          Map.entry("AGENTBUS_IDLE_TIMEOUT_MS", "60000"),
          Map.entry("AGENTBUS_MAX_LIVE_INSTANCES", "100"),
          Map.entry("AGENTBUS_CALL_TIMEOUT_MS", "5000"),
          Map.entry("AGENTBUS_SQLITE_THREADS", "2"),
          Map.entry("AGENTBUS_MAX_NAME_BYTES", "64"),
          Map.entry("AGENTBUS_SHUTDOWN_TIMEOUT_MS", "0"),
          Map.entry("AGENTBUS_AGENT_CONFIG", "{\"apiKey\":\"k\"}"),
          Map.entry("AGENTBUS_SCHEDULE_MAX_ATTEMPTS", "5"),
          Map.entry("AGENTBUS_SCHEDULE_RETRY_DELAY_MS", "10"),
          Map.entry("AGENTBUS_SCHEDULE_RUN_TIMEOUT_MS", "20"),
          Map.entry("AGENTBUS_MAX_TASK_PAYLOAD_BYTES", "30"));

  static final Map<String, String> GATEWAY_VARIABLES =
      Map.ofEntries(
          Map.entry("AGENTBUS_PORT", " 9000 "),
          Map.entry("AGENTBUS_HOST", "127.0.0.1"),
          Map.entry("AGENTBUS_PREFIX", "bots"),
          Map.entry("AGENTBUS_CORS", "TRUE"),
          Map.entry("AGENTBUS_COMPRESSION", "true"),
          Map.entry("AGENTBUS_MAX_MESSAGE_BYTES", "4096"),
          Map.entry("AGENTBUS_MAX_PENDING_FRAMES", "8"),
          Map.entry("AGENTBUS_STREAM_BUFFER_BYTES", "2048"),
          Map.entry("AGENTBUS_MAX_QUEUED_BYTES", "8192"),
          Map.entry("AGENTBUS_PING_INTERVAL_MS", "0"),
          Map.entry("AGENTBUS_SSE_PING_INTERVAL_MS", "0"),
          Map.entry("AGENTBUS_REQUEST_TIMEOUT_MS", "100"),
          Map.entry("AGENTBUS_HEADER_TIMEOUT_MS", "200"),
          Map.entry("AGENTBUS_BODY_TIMEOUT_MS", "300"),
          Map.entry("AGENTBUS_KEEP_ALIVE_TIMEOUT_MS", "400"),
          Map.entry("AGENTBUS_UPGRADE_TIMEOUT_MS", "500"),
          Map.entry("AGENTBUS_EVENT_BUS_PATH", ""),
          Map.entry("AGENTBUS_START_PROPS", "{\"tenant\":\"t1\"}"));

  @Test
  void everyOptionHasTheVariableOfItsNameInUpperSnakeCase() {
    assertEquals(
        RUNTIME_VARIABLES.keySet(), variables(new AgentBusOptions().toJson().fieldNames()));
    assertEquals(GATEWAY_VARIABLES.keySet(), variables(new GatewayOptions().toJson().fieldNames()));
    assertEquals("AGENTBUS_AGENTS", EnvVariables.name("agents"));
  }

  private static Set<String> variables(Set<String> options) {
    return Set.copyOf(options.stream().map(EnvVariables::name).toList());
  }

  @Test
  void everyRuntimeOptionIsSetByItsVariable() {
    AgentBusOptions options = load(RUNTIME_VARIABLES).runtime();
    assertEquals("/srv/agentbus", options.getDataDir());
    assertEquals("bots", options.getAddressPrefix());
    assertEquals(60_000, options.getIdleTimeoutMs());
    assertEquals(100, options.getMaxLiveInstances());
    assertEquals(5_000, options.getCallTimeoutMs());
    assertEquals(2, options.getSqliteThreads());
    assertEquals(64, options.getMaxNameBytes());
    assertEquals(0, options.getShutdownTimeoutMs());
    assertEquals(new JsonObject().put("apiKey", "k"), options.getAgentConfig());
    assertEquals(5, options.getScheduleMaxAttempts());
    assertEquals(10, options.getScheduleRetryDelayMs());
    assertEquals(20, options.getScheduleRunTimeoutMs());
    assertEquals(30, options.getMaxTaskPayloadBytes());
  }

  @Test
  void everyGatewayOptionIsSetByItsVariable() {
    GatewayOptions options = load(GATEWAY_VARIABLES).gateway();
    assertEquals(9000, options.getPort());
    assertEquals("127.0.0.1", options.getHost());
    assertEquals("bots", options.getPrefix());
    assertEquals(true, options.isCors());
    assertEquals(true, options.isCompression());
    assertEquals(4096, options.getMaxMessageBytes());
    assertEquals(8, options.getMaxPendingFrames());
    assertEquals(2048, options.getStreamBufferBytes());
    assertEquals(8192, options.getMaxQueuedBytes());
    assertEquals(0, options.getPingIntervalMs());
    assertEquals(0, options.getSsePingIntervalMs());
    assertEquals(100, options.getRequestTimeoutMs());
    assertEquals(200, options.getHeaderTimeoutMs());
    assertEquals(300, options.getBodyTimeoutMs());
    assertEquals(400, options.getKeepAliveTimeoutMs());
    assertEquals(500, options.getUpgradeTimeoutMs());
    assertNull(options.getEventBusPath(), "an empty variable is null: no bridge");
    assertEquals(new JsonObject().put("tenant", "t1"), options.getStartProps());
  }

  @Test
  void agentsAreSetByTheirVariable() {
    assertEquals(
        List.of(Path.of("a.jar"), Path.of("lib")),
        load(Map.of("AGENTBUS_AGENTS", "a.jar, lib")).agents());
  }

  @Test
  void otherVariablesAreLeftAlone() {
    Map<String, String> env = new HashMap<>(Map.of("AGENTBUS_URL", "x", "PATH", "/bin"));
    assertEquals(new AgentBusOptions().toJson(), load(env).runtime().toJson());
    assertEquals(new GatewayOptions().toJson(), load(env).gateway().toJson());
  }

  @Test
  void aValueTheOptionRefusesNamesTheVariable() {
    assertEquals(
        "environment variable AGENTBUS_PORT: port must be a whole number, got \"http\"",
        refused(Map.of("AGENTBUS_PORT", "http")));
    assertEquals(
        "environment variable AGENTBUS_PORT: port must be between 0 and 65535, got 80000",
        refused(Map.of("AGENTBUS_PORT", "80000")));
    assertEquals(
        "environment variable AGENTBUS_CORS: cors must be true or false, got \"yes\"",
        refused(Map.of("AGENTBUS_CORS", "yes")));
    assertEquals(
        "environment variable AGENTBUS_AGENT_CONFIG: agentConfig must be a JSON object, got \"{\"",
        refused(Map.of("AGENTBUS_AGENT_CONFIG", "{")));
    assertEquals(
        "environment variable AGENTBUS_IDLE_TIMEOUT_MS: idleTimeoutMs must be at least 1, got 0",
        refused(Map.of("AGENTBUS_IDLE_TIMEOUT_MS", "0")));
    assertEquals(
        "environment variable AGENTBUS_HOST: host must be a host name or IP address without a"
            + " port, got \"localhost:8080\"",
        refused(Map.of("AGENTBUS_HOST", "localhost:8080")));
    assertEquals(
        "environment variable AGENTBUS_DATA_DIR: dataDir must be a string, got null",
        refused(Map.of("AGENTBUS_DATA_DIR", "")));
  }

  private static AppConfig load(Map<String, String> env) {
    return AppConfig.load(CommandLine.parse(), env);
  }

  private static String refused(Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> load(env)).getMessage();
  }
}
