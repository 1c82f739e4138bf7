package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AgentBusOptions}: every setter refuses a bad value naming the option and the value, the
 * JSON constructor goes through the setters and refuses unknown keys and wrong types by name, and
 * {@code toJson()} round-trips.
 */
class AgentBusOptionsTest {

  /** Every option set to something other than its default. */
  static final JsonObject EVERY_OPTION =
      new JsonObject()
          .put("dataDir", "/var/lib/agentbus")
          .put("addressPrefix", "bots")
          .put("idleTimeoutMs", 60_000L)
          .put("maxLiveInstances", 10_000)
          .put("callTimeoutMs", 5_000L)
          .put("sqliteThreads", 8)
          .put("maxNameBytes", 512)
          .put("shutdownTimeoutMs", 0L)
          .put("agentConfig", new JsonObject().put("apiKey", "k").put("nested", new JsonObject()))
          .put("scheduleMaxAttempts", 1)
          .put("scheduleRetryDelayMs", 0L)
          .put("scheduleRunTimeoutMs", 1L)
          .put("maxTaskPayloadBytes", 1);

  @Test
  void toJsonRoundTripsEveryOption() {
    AgentBusOptions options = new AgentBusOptions(EVERY_OPTION);
    assertEquals(EVERY_OPTION, options.toJson());
    assertEquals(EVERY_OPTION, new AgentBusOptions(options.toJson()).toJson());
    assertEquals(EVERY_OPTION, new AgentBusOptions(options).toJson());
    assertEquals(new AgentBusOptions().toJson(), new AgentBusOptions(new JsonObject()).toJson());
  }

  @Test
  void everyOptionReadFromJsonTextReachesItsGetter() {
    AgentBusOptions options = new AgentBusOptions(new JsonObject(EVERY_OPTION.encode()));
    assertEquals("/var/lib/agentbus", options.getDataDir());
    assertEquals("bots", options.getAddressPrefix());
    assertEquals(60_000, options.getIdleTimeoutMs());
    assertEquals(10_000, options.getMaxLiveInstances());
    assertEquals(5_000, options.getCallTimeoutMs());
    assertEquals(8, options.getSqliteThreads());
    assertEquals(512, options.getMaxNameBytes());
    assertEquals(0, options.getShutdownTimeoutMs());
    assertEquals("k", options.getAgentConfig().getString("apiKey"));
    assertEquals(1, options.getScheduleMaxAttempts());
    assertEquals(0, options.getScheduleRetryDelayMs());
    assertEquals(1, options.getScheduleRunTimeoutMs());
    assertEquals(1, options.getMaxTaskPayloadBytes());
  }

  @Test
  void theJsonConstructorKeepsNoReferenceToItsInput() {
    JsonObject json = new JsonObject().put("agentConfig", new JsonObject().put("a", 1));
    AgentBusOptions options = new AgentBusOptions(json);
    json.getJsonObject("agentConfig").put("a", 2);
    assertEquals(1, options.getAgentConfig().getInteger("a"));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(o -> o.setDataDir(""), "dataDir must be a directory path, got \"\""),
        refusal(o -> o.setDataDir(null), "dataDir must be a directory path, got null"),
        refusal(
            o -> o.setAddressPrefix(""),
            "addressPrefix must be non-empty and contain no dot, got \"\""),
        refusal(
            o -> o.setAddressPrefix("a.b"),
            "addressPrefix must be non-empty and contain no dot, got \"a.b\""),
        refusal(o -> o.setIdleTimeoutMs(0), "idleTimeoutMs must be at least 1, got 0"),
        refusal(o -> o.setMaxLiveInstances(0), "maxLiveInstances must be at least 1, got 0"),
        refusal(o -> o.setCallTimeoutMs(-5), "callTimeoutMs must be at least 1, got -5"),
        refusal(o -> o.setSqliteThreads(0), "sqliteThreads must be at least 1, got 0"),
        refusal(o -> o.setMaxNameBytes(0), "maxNameBytes must be at least 1, got 0"),
        refusal(o -> o.setShutdownTimeoutMs(-1), "shutdownTimeoutMs must be at least 0, got -1"),
        refusal(o -> o.setAgentConfig(null), "agentConfig must be a JSON object, got null"),
        refusal(o -> o.setScheduleMaxAttempts(0), "scheduleMaxAttempts must be at least 1, got 0"),
        refusal(
            o -> o.setScheduleRetryDelayMs(-1), "scheduleRetryDelayMs must be at least 0, got -1"),
        refusal(
            o -> o.setScheduleRunTimeoutMs(0), "scheduleRunTimeoutMs must be at least 1, got 0"),
        refusal(o -> o.setMaxTaskPayloadBytes(0), "maxTaskPayloadBytes must be at least 1, got 0"));
  }

  private static Arguments refusal(Consumer<AgentBusOptions> setter, String message) {
    return Arguments.of(setter, message);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void everySetterRefusesABadValueNamingTheOptionAndTheValue(
      Consumer<AgentBusOptions> setter, String message) {
    AgentBusOptions options = new AgentBusOptions();
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> setter.accept(options));
    assertEquals(message, refused.getMessage());
    assertEquals(new AgentBusOptions().toJson(), options.toJson(), "the options did not change");
  }

  @Test
  void theJsonConstructorGoesThroughTheSetters() {
    assertEquals(
        "idleTimeoutMs must be at least 1, got 0",
        refusedJson(new JsonObject().put("idleTimeoutMs", 0)));
    assertEquals(
        "addressPrefix must be non-empty and contain no dot, got \"a.b\"",
        refusedJson(new JsonObject().put("addressPrefix", "a.b")));
  }

  @Test
  void anUnknownKeyIsRefusedByName() {
    assertEquals("unknown key \"dataDri\"", refusedJson(new JsonObject().put("dataDri", "x")));
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("dataDir", 5, "dataDir must be a string, got 5"),
        Arguments.of("addressPrefix", null, "addressPrefix must be a string, got null"),
        Arguments.of("idleTimeoutMs", "30s", "idleTimeoutMs must be a whole number, got \"30s\""),
        Arguments.of("callTimeoutMs", 1.5, "callTimeoutMs must be a whole number, got 1.5"),
        Arguments.of(
            "shutdownTimeoutMs", true, "shutdownTimeoutMs must be a whole number, got true"),
        Arguments.of(
            "maxLiveInstances",
            3_000_000_000L,
            "maxLiveInstances must be a whole number from -2147483648 to 2147483647, got 3000000000"),
        Arguments.of("sqliteThreads", "4", "sqliteThreads must be a whole number, got \"4\""),
        Arguments.of("agentConfig", new JsonArray(), "agentConfig must be a JSON object, got []"),
        Arguments.of("agentConfig", "{}", "agentConfig must be a JSON object, got \"{}\""));
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void aValueOfTheWrongTypeIsRefusedNamingTheKey(String key, Object value, String message) {
    assertEquals(message, refusedJson(new JsonObject().put(key, value)));
  }

  @Test
  void aWholeNumberWrittenWithADecimalPointIsAccepted() {
    assertEquals(
        60_000,
        new AgentBusOptions(new JsonObject("{\"idleTimeoutMs\":6.0e4}")).getIdleTimeoutMs());
  }

  private static String refusedJson(JsonObject json) {
    return assertThrows(IllegalArgumentException.class, () -> new AgentBusOptions(json))
        .getMessage();
  }
}
