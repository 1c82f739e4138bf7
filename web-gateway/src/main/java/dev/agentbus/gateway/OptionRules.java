package dev.agentbus.gateway;

import dev.agentbus.OptionValues;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of {@link GatewayOptions} and the rules of its values: which key goes to which
 * setter with which type, which getter writes it, and the ranges the setters hold a value to. A
 * refusal names the option and the value.
 */
final class OptionRules {

  private OptionRules() {}

  /**
   * Sets one option from JSON through its setter.
   *
   * @throws IllegalArgumentException for a key that is no option, a value of the wrong JSON type,
   *     or a value the setter refuses
   */
  static void set(GatewayOptions options, String key, @Nullable Object value) {
    switch (key) {
      case "port" -> options.setPort(OptionValues.intValue(key, value));
      case "host" -> options.setHost(OptionValues.string(key, value));
      case "prefix" -> options.setPrefix(OptionValues.string(key, value));
      case "cors" -> options.setCors(OptionValues.bool(key, value));
      case "compression" -> options.setCompression(OptionValues.bool(key, value));
      case "maxMessageBytes" -> options.setMaxMessageBytes(OptionValues.intValue(key, value));
      case "maxPendingFrames" -> options.setMaxPendingFrames(OptionValues.intValue(key, value));
      case "streamBufferBytes" -> options.setStreamBufferBytes(OptionValues.intValue(key, value));
      case "maxQueuedBytes" -> options.setMaxQueuedBytes(OptionValues.intValue(key, value));
      case "pingIntervalMs" -> options.setPingIntervalMs(OptionValues.longValue(key, value));
      case "ssePingIntervalMs" -> options.setSsePingIntervalMs(OptionValues.longValue(key, value));
      case "requestTimeoutMs" -> options.setRequestTimeoutMs(OptionValues.longValue(key, value));
      case "headerTimeoutMs" -> options.setHeaderTimeoutMs(OptionValues.longValue(key, value));
      case "bodyTimeoutMs" -> options.setBodyTimeoutMs(OptionValues.longValue(key, value));
      case "keepAliveTimeoutMs" ->
          options.setKeepAliveTimeoutMs(OptionValues.longValue(key, value));
      case "upgradeTimeoutMs" -> options.setUpgradeTimeoutMs(OptionValues.longValue(key, value));
      case "eventBusPath" ->
          options.setEventBusPath(value == null ? null : OptionValues.string(key, value));
      case "startProps" -> options.setStartProps(OptionValues.object(key, value));
      default -> throw OptionValues.unknown(key);
    }
  }

  /** {@return the options as JSON, each under its key} */
  static JsonObject json(GatewayOptions options) {
    return new JsonObject()
        .put("port", options.getPort())
        .put("host", options.getHost())
        .put("prefix", options.getPrefix())
        .put("cors", options.isCors())
        .put("compression", options.isCompression())
        .put("maxMessageBytes", options.getMaxMessageBytes())
        .put("maxPendingFrames", options.getMaxPendingFrames())
        .put("streamBufferBytes", options.getStreamBufferBytes())
        .put("maxQueuedBytes", options.getMaxQueuedBytes())
        .put("pingIntervalMs", options.getPingIntervalMs())
        .put("ssePingIntervalMs", options.getSsePingIntervalMs())
        .put("requestTimeoutMs", options.getRequestTimeoutMs())
        .put("headerTimeoutMs", options.getHeaderTimeoutMs())
        .put("bodyTimeoutMs", options.getBodyTimeoutMs())
        .put("keepAliveTimeoutMs", options.getKeepAliveTimeoutMs())
        .put("upgradeTimeoutMs", options.getUpgradeTimeoutMs())
        .put("eventBusPath", options.getEventBusPath())
        .put("startProps", options.getStartProps().copy());
  }

  /** {@return the value, if it is between min and max (or at least min, for an unbounded max)} */
  static long between(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option
              + (max == Long.MAX_VALUE
                  ? " must be at least " + min
                  : " must be between " + min + " and " + max)
              + ", got "
              + value);
    }
    return value;
  }

  /** {@return the value, if it is at least min} */
  static long atLeast(String option, long value, long min) {
    return between(option, value, min, Long.MAX_VALUE);
  }

  /** {@return the host, if it is a host name or IP address without a port} */
  static String host(@Nullable String host) {
    // one colon is host:port; an IPv6 address has at least two
    boolean withPort =
        host != null && host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':');
    if (host == null || host.isBlank() || withPort) {
      throw new IllegalArgumentException(
          "host must be a host name or IP address without a port, got " + Json.encode(host));
    }
    return host;
  }

  /** {@return the prefix, if it is one non-empty path segment} */
  static String prefix(@Nullable String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.contains("/")) {
      throw new IllegalArgumentException(
          "prefix must be one non-empty path segment, got " + Json.encode(prefix));
    }
    return prefix;
  }

  /** {@return the path, if it is null or a slash and a name without a trailing slash} */
  static @Nullable String eventBusPath(@Nullable String eventBusPath) {
    if (eventBusPath != null
        && (!eventBusPath.startsWith("/")
            || eventBusPath.length() < 2
            || eventBusPath.endsWith("/"))) {
      throw new IllegalArgumentException(
          "eventBusPath must be a path like /eventbus, or null, got " + Json.encode(eventBusPath));
    }
    return eventBusPath;
  }
}
