package dev.agentbus;

import io.vertx.core.buffer.Buffer;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A client connected to an agent instance (a WebSocket through the gateway). Connections are held
 * by the gateway, not by the instance: an instance may hibernate with connections open and finds
 * them, with their state and tags, when it wakes.
 */
public interface Connection {

  /** {@return the connection id: the client's {@code _pk}, or one the server made} */
  String id();

  /** {@return the connection's own state as JSON, {@code null} until set} */
  @Nullable Object state();

  /**
   * Replaces the connection's own state (kept by the gateway for as long as the socket is open).
   *
   * @param state any value Jackson maps to JSON
   */
  void setState(@Nullable Object state);

  /**
   * Sends a text frame.
   *
   * @param text the text
   */
  void send(String text);

  /**
   * Sends a binary frame.
   *
   * @param data the bytes
   */
  void send(Buffer data);

  /**
   * Closes the connection.
   *
   * @param code a WebSocket close code, e.g. 1000 or 4001
   * @param reason a short reason (at most 123 UTF-8 bytes)
   */
  void close(int code, String reason);

  /** {@return the tags set when the connection opened ({@link Agent#connectionTags})} */
  Set<String> tags();

  /** {@return whether the connection may not change the agent's state} */
  boolean isReadonly();

  /**
   * Makes the connection read-only or not: a read-only connection's state updates are answered with
   * {@code Connection is readonly}; its RPC calls still work.
   *
   * @param readonly the new setting
   */
  void setReadonly(boolean readonly);

  /**
   * {@return whether the connection receives protocol frames (identity, state, broadcasts of
   * state)}
   */
  boolean isProtocolEnabled();

  /** {@return whether the socket is still open} */
  boolean isOpen();
}
