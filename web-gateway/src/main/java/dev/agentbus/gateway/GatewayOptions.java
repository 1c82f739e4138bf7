package dev.agentbus.gateway;

import io.vertx.core.json.JsonObject;

/**
 * Configuration of an {@link AgentGateway}. Loads from JSON ({@link #GatewayOptions(JsonObject)},
 * the keys are the property names below) through the same setters as code uses. A setter refuses a
 * value out of its range with an {@link IllegalArgumentException} that names the option and the
 * value, e.g. {@code port must be between 0 and 65535, got 70000}. The application also reads every
 * option from an environment variable ({@code docs/configuration.md}). The defaults are in {@link
 * GatewayDefaults}.
 */
public class GatewayOptions {

  private int port = GatewayDefaults.DEFAULT_PORT;
  private String host = GatewayDefaults.DEFAULT_HOST;
  private String prefix = GatewayDefaults.DEFAULT_PREFIX;
  private boolean cors;
  private boolean compression;
  private int maxMessageBytes = GatewayDefaults.DEFAULT_MAX_MESSAGE_BYTES;
  private int maxPendingFrames = GatewayDefaults.DEFAULT_MAX_PENDING_FRAMES;
  private int streamBufferBytes = GatewayDefaults.DEFAULT_STREAM_BUFFER_BYTES;
  private int maxQueuedBytes = GatewayDefaults.DEFAULT_MAX_QUEUED_BYTES;
  private long pingIntervalMs = GatewayDefaults.DEFAULT_PING_INTERVAL_MS;
  private long ssePingIntervalMs = GatewayDefaults.DEFAULT_SSE_PING_INTERVAL_MS;
  private long requestTimeoutMs = GatewayDefaults.DEFAULT_REQUEST_TIMEOUT_MS;
  private long headerTimeoutMs = GatewayDefaults.DEFAULT_HEADER_TIMEOUT_MS;
  private long bodyTimeoutMs = GatewayDefaults.DEFAULT_BODY_TIMEOUT_MS;
  private long keepAliveTimeoutMs = GatewayDefaults.DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  private long upgradeTimeoutMs = GatewayDefaults.DEFAULT_UPGRADE_TIMEOUT_MS;
  private String eventBusPath = GatewayDefaults.DEFAULT_EVENT_BUS_PATH;
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
   * Options read from JSON, each key through its setter; absent keys keep their defaults.
   *
   * @param json e.g. {@code {"port":8080,"cors":true}}; the keys are the property names, as {@link
   *     #toJson()} writes them
   * @throws IllegalArgumentException naming the key, for a key that is no option, a value of the
   *     wrong JSON type, or a value the setter refuses
   */
  public GatewayOptions(JsonObject json) {
    json.forEach(entry -> OptionRules.set(this, entry.getKey(), entry.getValue()));
  }

  /** {@return these options as JSON, readable by {@link #GatewayOptions(JsonObject)}} */
  public JsonObject toJson() {
    return OptionRules.json(this);
  }

  /** {@return the port of a standalone gateway (0: any free port)} */
  public int getPort() {
    return port;
  }

  /**
   * Sets the port of a standalone gateway.
   *
   * @param port the port of a standalone gateway, 0 to 65535 (0: any free port)
   * @return these options
   */
  public GatewayOptions setPort(int port) {
    this.port = (int) OptionRules.between("port", port, 0, 65535);
    return this;
  }

  /** {@return the host a standalone gateway binds} */
  public String getHost() {
    return host;
  }

  /**
   * Sets the host a standalone gateway binds.
   *
   * @param host the host name or IP address a standalone gateway binds; not empty, and without a
   *     port ({@code localhost:8080} is refused: the port is {@link #setPort})
   * @return these options
   */
  public GatewayOptions setHost(String host) {
    this.host = OptionRules.host(host);
    return this;
  }

  /** {@return the first path segment of agent URLs} */
  public String getPrefix() {
    return prefix;
  }

  /**
   * Sets the first path segment of agent URLs.
   *
   * @param prefix the first path segment of agent URLs (not empty, no slash)
   * @return these options
   */
  public GatewayOptions setPrefix(String prefix) {
    this.prefix = OptionRules.prefix(prefix);
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
   * @param maxMessageBytes the largest message or body, 1 to {@link
   *     GatewayDefaults#MAX_MESSAGE_BYTES_LIMIT}; a larger WebSocket message closes the socket with
   *     1009, a larger body is answered 413
   * @return these options
   */
  public GatewayOptions setMaxMessageBytes(int maxMessageBytes) {
    this.maxMessageBytes =
        (int)
            OptionRules.between(
                "maxMessageBytes", maxMessageBytes, 1, GatewayDefaults.MAX_MESSAGE_BYTES_LIMIT);
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
    this.maxPendingFrames = (int) OptionRules.atLeast("maxPendingFrames", maxPendingFrames, 1);
    return this;
  }

  /** {@return the bytes queued for a socket above which a stream's {@code send} waits} */
  public int getStreamBufferBytes() {
    return streamBufferBytes;
  }

  /**
   * Sets how many bytes may be queued for one socket (written, not yet taken by the client's TCP
   * connection) before a streaming call's {@code send} waits for them to drain: the memory one
   * stream can hold.
   *
   * @param streamBufferBytes 1 KiB to {@code maxQueuedBytes}
   * @return these options
   */
  public GatewayOptions setStreamBufferBytes(int streamBufferBytes) {
    this.streamBufferBytes =
        (int) OptionRules.atLeast("streamBufferBytes", streamBufferBytes, 1024);
    return this;
  }

  /** {@return the bytes queued for a socket above which it is closed as too slow} */
  public int getMaxQueuedBytes() {
    return maxQueuedBytes;
  }

  /**
   * Sets how many bytes may be queued for one socket, by writes that do not wait (broadcasts,
   * {@code Connection.send}), before the gateway closes it with 1008 {@code Client too slow}: the
   * most memory a client that stops reading can hold. Must not be below {@code streamBufferBytes},
   * checked when the gateway starts.
   *
   * @param maxQueuedBytes at least 1 KiB
   * @return these options
   */
  public GatewayOptions setMaxQueuedBytes(int maxQueuedBytes) {
    this.maxQueuedBytes = (int) OptionRules.atLeast("maxQueuedBytes", maxQueuedBytes, 1024);
    return this;
  }

  /** {@return the WebSocket ping interval in milliseconds (0: no pings)} */
  public long getPingIntervalMs() {
    return pingIntervalMs;
  }

  /**
   * Sets the WebSocket ping interval in milliseconds (0: no pings).
   *
   * @param pingIntervalMs the ping interval, at least 0 (0: no pings); a socket silent for two
   *     intervals is closed (1001)
   * @return these options
   */
  public GatewayOptions setPingIntervalMs(long pingIntervalMs) {
    this.pingIntervalMs = OptionRules.atLeast("pingIntervalMs", pingIntervalMs, 0);
    return this;
  }

  /** {@return the interval of comment pings on event streams, in milliseconds (0: no pings)} */
  public long getSsePingIntervalMs() {
    return ssePingIntervalMs;
  }

  /**
   * Sets the interval of comment pings on event streams, in milliseconds.
   *
   * @param ssePingIntervalMs the interval of {@code : ping} comments on event streams, at least 0
   *     (0: no pings)
   * @return these options
   */
  public GatewayOptions setSsePingIntervalMs(long ssePingIntervalMs) {
    this.ssePingIntervalMs = OptionRules.atLeast("ssePingIntervalMs", ssePingIntervalMs, 0);
    return this;
  }

  /** {@return how long an HTTP request waits for the agent to start answering before 504} */
  public long getRequestTimeoutMs() {
    return requestTimeoutMs;
  }

  /**
   * Sets how long an HTTP request waits for the agent to start answering, in milliseconds.
   *
   * @param requestTimeoutMs how long an HTTP request waits for the agent's answer; at least 1
   * @return these options
   */
  public GatewayOptions setRequestTimeoutMs(long requestTimeoutMs) {
    this.requestTimeoutMs = OptionRules.atLeast("requestTimeoutMs", requestTimeoutMs, 1);
    return this;
  }

  /** {@return the time a client has to send a request's head, in milliseconds} */
  public long getHeaderTimeoutMs() {
    return headerTimeoutMs;
  }

  /**
   * Sets the time a client has to send a request's head, from its first byte (or from the opening
   * of the connection); then it is answered 408 and the connection is closed.
   *
   * @param headerTimeoutMs at least 1
   * @return these options
   */
  public GatewayOptions setHeaderTimeoutMs(long headerTimeoutMs) {
    this.headerTimeoutMs = OptionRules.atLeast("headerTimeoutMs", headerTimeoutMs, 1);
    return this;
  }

  /** {@return the longest silence while a request body is read, in milliseconds} */
  public long getBodyTimeoutMs() {
    return bodyTimeoutMs;
  }

  /**
   * Sets the longest silence between two reads of a request body; then 408 and close.
   *
   * @param bodyTimeoutMs at least 1
   * @return these options
   */
  public GatewayOptions setBodyTimeoutMs(long bodyTimeoutMs) {
    this.bodyTimeoutMs = OptionRules.atLeast("bodyTimeoutMs", bodyTimeoutMs, 1);
    return this;
  }

  /** {@return how long an idle kept-alive connection waits for its next request, in ms} */
  public long getKeepAliveTimeoutMs() {
    return keepAliveTimeoutMs;
  }

  /**
   * Sets how long a connection between two requests waits for the next one before it is closed.
   *
   * @param keepAliveTimeoutMs at least 1
   * @return these options
   */
  public GatewayOptions setKeepAliveTimeoutMs(long keepAliveTimeoutMs) {
    this.keepAliveTimeoutMs = OptionRules.atLeast("keepAliveTimeoutMs", keepAliveTimeoutMs, 1);
    return this;
  }

  /** {@return how long a WebSocket upgrade request waits for its handshake, in milliseconds} */
  public long getUpgradeTimeoutMs() {
    return upgradeTimeoutMs;
  }

  /**
   * Sets how long a WebSocket upgrade request, once read, waits for the gateway to accept or refuse
   * it (the before-connect hook decides meanwhile); then 503 and close.
   *
   * @param upgradeTimeoutMs at least 1
   * @return these options
   */
  public GatewayOptions setUpgradeTimeoutMs(long upgradeTimeoutMs) {
    this.upgradeTimeoutMs = OptionRules.atLeast("upgradeTimeoutMs", upgradeTimeoutMs, 1);
    return this;
  }

  /** {@return the path of the SockJS event-bus bridge, or {@code null} if it is off} */
  public String getEventBusPath() {
    return eventBusPath;
  }

  /**
   * Sets the path of the SockJS event-bus bridge.
   *
   * @param eventBusPath the path of the SockJS event-bus bridge: a slash, then at least one
   *     character, no trailing slash (e.g. {@code /eventbus}); or {@code null} to serve no bridge
   * @return these options
   */
  public GatewayOptions setEventBusPath(String eventBusPath) {
    this.eventBusPath = OptionRules.eventBusPath(eventBusPath);
    return this;
  }

  /** {@return the props handed to {@code onStart} of instances the gateway activates} */
  public JsonObject getStartProps() {
    return startProps;
  }

  /**
   * Sets the props handed to {@code onStart} of instances the gateway activates.
   *
   * @param startProps the props handed to {@code onStart} of instances the gateway activates; not
   *     null
   * @return these options
   */
  public GatewayOptions setStartProps(JsonObject startProps) {
    if (startProps == null) {
      throw new IllegalArgumentException("startProps must be a JSON object, got null");
    }
    this.startProps = startProps;
    return this;
  }
}
