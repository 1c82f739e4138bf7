package dev.agentbus.spi;

/**
 * How a gateway talks to instances over the event bus. A message to an instance's address that
 * carries the {@link #EVENT} header is a gateway event about the connection named by {@link
 * #CONNECTION} (a key unique per socket):
 *
 * <ul>
 *   <li>{@link #CONNECT}: a socket opened; body {@code {"subPath","query","headers":{...}}}; sent
 *       as a request, answered with {@code {"ok":true}} once the connect frames are sent and {@code
 *       onConnect} has run;
 *   <li>{@link #FRAME}: a frame from the socket; body a {@code String} (text) or a {@code Buffer}
 *       (binary); not answered on the bus: answers go to the connection itself;
 *   <li>{@link #CLOSE}: the socket closed; body {@code {"code","reason","wasClean"}};
 *   <li>{@link #HTTP}: an HTTP request; body an {@link HttpExchange} (local delivery only).
 * </ul>
 */
public final class GatewayEvents {

  /** Header naming the event. */
  public static final String EVENT = "agentbus.event";

  /** Header naming the socket, by its key ({@link ConnectionHub#socket}). */
  public static final String CONNECTION = "agentbus.connection";

  /** A socket opened. */
  public static final String CONNECT = "connect";

  /** A frame arrived on a socket. */
  public static final String FRAME = "frame";

  /** A socket closed. */
  public static final String CLOSE = "close";

  /** An HTTP request. */
  public static final String HTTP = "http";

  private GatewayEvents() {}
}
