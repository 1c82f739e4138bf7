package dev.agentbus.gateway;

/** The default of every {@link GatewayOptions} option, and the bounds a setter holds to. */
public final class GatewayDefaults {

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

  /** Default bytes queued for a socket above which a stream's {@code send} waits: 128 KiB. */
  public static final int DEFAULT_STREAM_BUFFER_BYTES = 128 * 1024;

  /** Default bytes queued for a socket it cannot read before it is closed as too slow: 16 MiB. */
  public static final int DEFAULT_MAX_QUEUED_BYTES = 16 * 1024 * 1024;

  /** Default time a client has to send a request's head (request line and headers): 10 s. */
  public static final long DEFAULT_HEADER_TIMEOUT_MS = 10_000;

  /** Default longest silence while a request body is read: 30 s. */
  public static final long DEFAULT_BODY_TIMEOUT_MS = 30_000;

  /** Default time an idle kept-alive connection waits for its next request: 75 s. */
  public static final long DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 75_000;

  /** Default time a WebSocket upgrade request waits for its handshake: 10 s. */
  public static final long DEFAULT_UPGRADE_TIMEOUT_MS = 10_000;

  /** The largest {@code maxMessageBytes}, about 1 GiB. */
  public static final int MAX_MESSAGE_BYTES_LIMIT = Integer.MAX_VALUE / 2;

  /** Default path of the SockJS event-bus bridge: {@code /eventbus}. */
  public static final String DEFAULT_EVENT_BUS_PATH = "/eventbus";

  private GatewayDefaults() {}
}
