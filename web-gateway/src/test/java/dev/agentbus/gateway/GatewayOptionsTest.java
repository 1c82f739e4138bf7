package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GatewayOptions}: every setter refuses a bad value naming the option and the value, the
 * JSON constructor goes through the setters and refuses unknown keys and wrong types by name, and
 * {@code toJson()} round-trips.
 */
class GatewayOptionsTest {

  /** Every option set to something other than its default. */
  static final JsonObject EVERY_OPTION =
      new JsonObject()
          .put("port", 9000)
          .put("host", "::1")
          .put("prefix", "bots")
          .put("cors", true)
          .put("compression", true)
          .put("maxMessageBytes", 4096)
          .put("maxPendingFrames", 1)
          .put("streamBufferBytes", 2048)
          .put("maxQueuedBytes", 4096)
          .put("pingIntervalMs", 0L)
          .put("ssePingIntervalMs", 0L)
          .put("requestTimeoutMs", 1L)
          .put("headerTimeoutMs", 2L)
          .put("bodyTimeoutMs", 3L)
          .put("keepAliveTimeoutMs", 4L)
          .put("upgradeTimeoutMs", 5L)
          .put("eventBusPath", "/bus")
          .put("startProps", new JsonObject().put("tenant", "t1"));

  @Test
  void toJsonRoundTripsEveryOption() {
    GatewayOptions options = new GatewayOptions(EVERY_OPTION);
    assertEquals(EVERY_OPTION, options.toJson());
    assertEquals(EVERY_OPTION, new GatewayOptions(options.toJson()).toJson());
    assertEquals(EVERY_OPTION, new GatewayOptions(options).toJson());
    assertEquals(new GatewayOptions().toJson(), new GatewayOptions(new JsonObject()).toJson());
  }

  @Test
  void everyOptionReadFromJsonTextReachesItsGetter() {
    GatewayOptions options = new GatewayOptions(new JsonObject(EVERY_OPTION.encode()));
    assertEquals(9000, options.getPort());
    assertEquals("::1", options.getHost());
    assertEquals("bots", options.getPrefix());
    assertEquals(true, options.isCors());
    assertEquals(true, options.isCompression());
    assertEquals(4096, options.getMaxMessageBytes());
    assertEquals(1, options.getMaxPendingFrames());
    assertEquals(2048, options.getStreamBufferBytes());
    assertEquals(4096, options.getMaxQueuedBytes());
    assertEquals(0, options.getPingIntervalMs());
    assertEquals(0, options.getSsePingIntervalMs());
    assertEquals(1, options.getRequestTimeoutMs());
    assertEquals(2, options.getHeaderTimeoutMs());
    assertEquals(3, options.getBodyTimeoutMs());
    assertEquals(4, options.getKeepAliveTimeoutMs());
    assertEquals(5, options.getUpgradeTimeoutMs());
    assertEquals("/bus", options.getEventBusPath());
    assertEquals("t1", options.getStartProps().getString("tenant"));
  }

  @Test
  void aNullEventBusPathTurnsTheBridgeOffAndRoundTrips() {
    GatewayOptions off = new GatewayOptions(new JsonObject().putNull("eventBusPath"));
    assertNull(off.getEventBusPath());
    assertNull(new GatewayOptions(off).getEventBusPath());
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(o -> o.setPort(-1), "port must be between 0 and 65535, got -1"),
        refusal(o -> o.setPort(65536), "port must be between 0 and 65535, got 65536"),
        refusal(
            o -> o.setHost(""), "host must be a host name or IP address without a port, got \"\""),
        refusal(
            o -> o.setHost("localhost:8080"),
            "host must be a host name or IP address without a port, got \"localhost:8080\""),
        refusal(o -> o.setPrefix("a/b"), "prefix must be one non-empty path segment, got \"a/b\""),
        refusal(o -> o.setPrefix(""), "prefix must be one non-empty path segment, got \"\""),
        refusal(
            o -> o.setMaxMessageBytes(0),
            "maxMessageBytes must be between 1 and 1073741823, got 0"),
        refusal(
            o -> o.setMaxMessageBytes(Integer.MAX_VALUE),
            "maxMessageBytes must be between 1 and 1073741823, got 2147483647"),
        refusal(o -> o.setMaxPendingFrames(0), "maxPendingFrames must be at least 1, got 0"),
        refusal(
            o -> o.setStreamBufferBytes(1023), "streamBufferBytes must be at least 1024, got 1023"),
        refusal(o -> o.setMaxQueuedBytes(0), "maxQueuedBytes must be at least 1024, got 0"),
        refusal(o -> o.setPingIntervalMs(-1), "pingIntervalMs must be at least 0, got -1"),
        refusal(o -> o.setSsePingIntervalMs(-1), "ssePingIntervalMs must be at least 0, got -1"),
        refusal(o -> o.setRequestTimeoutMs(0), "requestTimeoutMs must be at least 1, got 0"),
        refusal(o -> o.setHeaderTimeoutMs(0), "headerTimeoutMs must be at least 1, got 0"),
        refusal(o -> o.setBodyTimeoutMs(0), "bodyTimeoutMs must be at least 1, got 0"),
        refusal(o -> o.setKeepAliveTimeoutMs(0), "keepAliveTimeoutMs must be at least 1, got 0"),
        refusal(o -> o.setUpgradeTimeoutMs(-1), "upgradeTimeoutMs must be at least 1, got -1"),
        refusal(
            o -> o.setEventBusPath("eventbus"),
            "eventBusPath must be a path like /eventbus, or null, got \"eventbus\""),
        refusal(
            o -> o.setEventBusPath("/"),
            "eventBusPath must be a path like /eventbus, or null, got \"/\""),
        refusal(o -> o.setStartProps(null), "startProps must be a JSON object, got null"));
  }

  private static Arguments refusal(Consumer<GatewayOptions> setter, String message) {
    return Arguments.of(setter, message);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void everySetterRefusesABadValueNamingTheOptionAndTheValue(
      Consumer<GatewayOptions> setter, String message) {
    GatewayOptions options = new GatewayOptions();
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> setter.accept(options));
    assertEquals(message, refused.getMessage());
    assertEquals(new GatewayOptions().toJson(), options.toJson(), "the options did not change");
  }

  @Test
  void theJsonConstructorGoesThroughTheSetters() {
    assertEquals(
        "port must be between 0 and 65535, got 70000",
        refusedJson(new JsonObject().put("port", 70_000)));
    assertEquals(
        "maxPendingFrames must be at least 1, got 0",
        refusedJson(new JsonObject().put("maxPendingFrames", 0)));
  }

  @Test
  void anUnknownKeyIsRefusedByName() {
    assertEquals("unknown key \"prot\"", refusedJson(new JsonObject().put("prot", 8080)));
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        Arguments.of("port", "8080", "port must be a whole number, got \"8080\""),
        Arguments.of("host", 127, "host must be a string, got 127"),
        Arguments.of("cors", "yes", "cors must be true or false, got \"yes\""),
        Arguments.of("compression", 1, "compression must be true or false, got 1"),
        Arguments.of("pingIntervalMs", 0.5, "pingIntervalMs must be a whole number, got 0.5"),
        Arguments.of(
            "headerTimeoutMs", "10s", "headerTimeoutMs must be a whole number, got \"10s\""),
        Arguments.of("eventBusPath", false, "eventBusPath must be a string, got false"),
        Arguments.of("startProps", "{}", "startProps must be a JSON object, got \"{}\""));
  }

  @ParameterizedTest
  @MethodSource("wrongTypes")
  void aValueOfTheWrongTypeIsRefusedNamingTheKey(String key, Object value, String message) {
    assertEquals(message, refusedJson(new JsonObject().put(key, value)));
  }

  private static String refusedJson(JsonObject json) {
    return assertThrows(IllegalArgumentException.class, () -> new GatewayOptions(json))
        .getMessage();
  }
}
