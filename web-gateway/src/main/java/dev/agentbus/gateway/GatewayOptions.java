package dev.agentbus.gateway;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** Configuration of an {@link AgentGateway}. Loads from JSON; keys are the property names. */
public class GatewayOptions {

  /** Default HTTP port: 8080. */
  public static final int DEFAULT_PORT = 8080;

  /** Default host to bind: {@code 0.0.0.0}. */
  public static final String DEFAULT_HOST = "0.0.0.0";

  /** Default URL prefix: {@code agents}. */
  public static final String DEFAULT_PREFIX = "agents";

  /** Default largest WebSocket message and HTTP body: 1 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

  /** Default frames of one socket in flight in its instance before the socket is paused. */
  public static final int DEFAULT_MAX_PENDING_FRAMES = 1024;

  /** Default WebSocket ping interval: 30 s (a socket silent for two intervals is closed). */
  public static final long DEFAULT_PING_INTERVAL_MS = 30_000;

  /** Default interval of Server-Sent Events comment pings: 15 s. */
  public static final long DEFAULT_SSE_PING_INTERVAL_MS = 15_000;

  /** Default time an HTTP request waits for the agent's answer before 504: 30 s. */
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

  /** Default path of the SockJS event-bus bridge: {@code /eventbus}. */
  public static final String DEFAULT_EVENT_BUS_PATH = "/eventbus";

  private int port = DEFAULT_PORT;
  private String host = DEFAULT_HOST;
  private String prefix = DEFAULT_PREFIX;
  private boolean cors;
  private boolean compression;
  private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
  private int maxPendingFrames = DEFAULT_MAX_PENDING_FRAMES;
  private long pingIntervalMs = DEFAULT_PING_INTERVAL_MS;
  private long ssePingIntervalMs = DEFAULT_SSE_PING_INTERVAL_MS;
  private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
  private String eventBusPath = DEFAULT_EVENT_BUS_PATH;
  private JsonObject startProps = new JsonObject();

  /** Options with every default. */
  public GatewayOptions() {}

  /**
   * A copy.
   *
   * @param other the options to copy
   */
  public GatewayOptions(GatewayOptions other) {
    this(other.toJson());
  }

  /**
   * Options from JSON; absent keys keep their defaults.
   *
   * @param json e.g. {@code {"port":8080,"cors":true}}
   */
  public GatewayOptions(JsonObject json) {
    port = json.getInteger("port", port);
    host = json.getString("host", host);
    prefix = json.getString("prefix", prefix);
    cors = json.getBoolean("cors", cors);
    compression = json.getBoolean("compression", compression);
    maxMessageBytes = json.getInteger("maxMessageBytes", maxMessageBytes);
    maxPendingFrames = json.getInteger("maxPendingFrames", maxPendingFrames);
    pingIntervalMs = json.getLong("pingIntervalMs", pingIntervalMs);
    ssePingIntervalMs = json.getLong("ssePingIntervalMs", ssePingIntervalMs);
    requestTimeoutMs = json.getLong("requestTimeoutMs", requestTimeoutMs);
    eventBusPath = json.getString("eventBusPath", eventBusPath);
    startProps = json.getJsonObject("startProps", startProps).copy();
  }

  /** {@return these options as JSON} */
  public JsonObject toJson() {
    return new JsonObject()
        .put("port", port)
        .put("host", host)
        .put("prefix", prefix)
        .put("cors", cors)
        .put("compression", compression)
        .put("maxMessageBytes", maxMessageBytes)
        .put("maxPendingFrames", maxPendingFrames)
        .put("pingIntervalMs", pingIntervalMs)
        .put("ssePingIntervalMs", ssePingIntervalMs)
        .put("requestTimeoutMs", requestTimeoutMs)
        .put("eventBusPath", eventBusPath)
        .put("startProps", startProps.copy());
  }

  /** {@return the port of a standalone gateway (0: any free port)} */
  public int getPort() {
    return port;
  }

  /**
   * Sets the port of a standalone gateway.
   *
   * @param port the port of a standalone gateway (0: any free port)
   * @return these options
   */
  public GatewayOptions setPort(int port) {
    this.port = port;
    return this;
  }

  /** {@return the host a standalone gateway binds} */
  public String getHost() {
    return host;
  }

  /**
   * Sets the host a standalone gateway binds.
   *
   * @param host the host a standalone gateway binds
   * @return these options
   */
  public GatewayOptions setHost(String host) {
    this.host = Objects.requireNonNull(host);
    return this;
  }

  /** {@return the first path segment of agent URLs} */
  public String getPrefix() {
    return prefix;
  }

  /**
   * Sets the first path segment of agent URLs.
   *
   * @param prefix the first path segment of agent URLs (no slash)
   * @return these options
   */
  public GatewayOptions setPrefix(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.contains("/")) {
      throw new IllegalArgumentException("prefix must be one non-empty path segment");
    }
    this.prefix = prefix;
    return this;
  }

  /** {@return whether responses under the prefix carry CORS headers and OPTIONS is answered} */
  public boolean isCors() {
    return cors;
  }

  /**
   * Turns CORS headers and answers to {@code OPTIONS} on or off.
   *
   * @param cors true to send CORS headers and answer {@code OPTIONS} (docs/protocol.md)
   * @return these options
   */
  public GatewayOptions setCors(boolean cors) {
    this.cors = cors;
    return this;
  }

  /** {@return whether a standalone gateway offers WebSocket compression (permessage-deflate)} */
  public boolean isCompression() {
    return compression;
  }

  /**
   * Turns WebSocket compression on or off.
   *
   * @param compression whether to offer permessage-deflate; off by default because it costs small
   *     frames 3 to 12 times their throughput
   * @return these options
   */
  public GatewayOptions setCompression(boolean compression) {
    this.compression = compression;
    return this;
  }

  /** {@return the largest WebSocket message and HTTP request body, in bytes} */
  public int getMaxMessageBytes() {
    return maxMessageBytes;
  }

  /**
   * Sets the largest WebSocket message and HTTP request body, in bytes.
   *
   * @param maxMessageBytes the largest message or body; a larger WebSocket message closes the
   *     socket with 1009, a larger body is answered 413
   * @return these options
   */
  public GatewayOptions setMaxMessageBytes(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
    return this;
  }

  /**
   * {@return frames of one socket in flight in its instance before the gateway stops reading it}
   */
  public int getMaxPendingFrames() {
    return maxPendingFrames;
  }

  /**
   * Sets how many frames of one socket may be in flight in its instance before the gateway stops
   * reading it.
   *
   * @param maxPendingFrames at least 1
   * @return these options
   */
  public GatewayOptions setMaxPendingFrames(int maxPendingFrames) {
    this.maxPendingFrames = Math.max(1, maxPendingFrames);
    return this;
  }

  /** {@return the WebSocket ping interval in milliseconds (0: no pings)} */
  public long getPingIntervalMs() {
    return pingIntervalMs;
  }

  /**
   * Sets the WebSocket ping interval in milliseconds (0: no pings).
   *
   * @param pingIntervalMs the ping interval; a socket silent for two intervals is closed (1001)
   * @return these options
   */
  public GatewayOptions setPingIntervalMs(long pingIntervalMs) {
    this.pingIntervalMs = pingIntervalMs;
    return this;
  }

  /** {@return the interval of comment pings on event streams, in milliseconds} */
  public long getSsePingIntervalMs() {
    return ssePingIntervalMs;
  }

  /**
   * Sets the interval of comment pings on event streams, in milliseconds.
   *
   * @param ssePingIntervalMs the interval of {@code : ping} comments on event streams
   * @return these options
   */
  public GatewayOptions setSsePingIntervalMs(long ssePingIntervalMs) {
    this.ssePingIntervalMs = ssePingIntervalMs;
    return this;
  }

  /** {@return how long an HTTP request waits for the agent to start answering before 504} */
  public long getRequestTimeoutMs() {
    return requestTimeoutMs;
  }

  /**
   * Sets how long an HTTP request waits for the agent to start answering, in milliseconds.
   *
   * @param requestTimeoutMs how long an HTTP request waits for the agent's answer
   * @return these options
   */
  public GatewayOptions setRequestTimeoutMs(long requestTimeoutMs) {
    this.requestTimeoutMs = requestTimeoutMs;
    return this;
  }

  /** {@return the path of the SockJS event-bus bridge, or {@code null} if it is off} */
  public String getEventBusPath() {
    return eventBusPath;
  }

  /**
   * Sets the path of the SockJS event-bus bridge.
   *
   * @param eventBusPath the path of the SockJS event-bus bridge (e.g. {@code /eventbus}), or {@code
   *     null} to serve no bridge
   * @return these options
   */
  public GatewayOptions setEventBusPath(String eventBusPath) {
    this.eventBusPath = eventBusPath;
    return this;
  }

  /** {@return the props handed to {@code onStart} of instances the gateway activates} */
  public JsonObject getStartProps() {
    return startProps;
  }

  /**
   * Sets the props handed to {@code onStart} of instances the gateway activates.
   *
   * @param startProps the props handed to {@code onStart} of instances the gateway activates
   * @return these options
   */
  public GatewayOptions setStartProps(JsonObject startProps) {
    this.startProps = Objects.requireNonNull(startProps);
    return this;
  }
}
