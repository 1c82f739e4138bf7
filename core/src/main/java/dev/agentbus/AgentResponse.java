package dev.agentbus;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An agent's answer to an HTTP request: a status, headers and either a body or a stream written by
 * a producer.
 */
public final class AgentResponse {

  private final int status;
  private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
  private final Buffer body;
  private final Consumer<ResponseStream> producer;
  private final boolean events;

  private AgentResponse(
      int status, Buffer body, Consumer<ResponseStream> producer, boolean events) {
    this.status = status;
    this.body = body;
    this.producer = producer;
    this.events = events;
  }

  /**
   * A text response.
   *
   * @param status the HTTP status
   * @param body the body text (UTF-8), sent as {@code text/plain} unless a content type is set
   * @return the response
   */
  public static AgentResponse text(int status, String body) {
    return new AgentResponse(status, Buffer.buffer(body), null, false)
        .header("content-type", "text/plain; charset=utf-8");
  }

  /**
   * A JSON response.
   *
   * @param status the HTTP status
   * @param value any value Jackson maps to JSON
   * @return a {@code application/json} response
   */
  public static AgentResponse json(int status, @Nullable Object value) {
    return new AgentResponse(status, jsonBytes(value), null, false)
        .header("content-type", "application/json");
  }

  /**
   * A response with a body of bytes.
   *
   * @param status the HTTP status
   * @param body the body bytes
   * @return the response (set a content type with {@link #header})
   */
  public static AgentResponse bytes(int status, Buffer body) {
    return new AgentResponse(status, body, null, false);
  }

  /** {@return {@code 404 Not found}, the answer when an agent has no request handler} */
  public static AgentResponse notFound() {
    return text(404, "Not found");
  }

  /**
   * A chunked text response whose body the producer writes, on the agent's context, after the
   * headers are sent.
   *
   * @param contentType e.g. {@code text/plain; charset=utf-8}
   * @param producer writes the chunks and ends the stream
   * @return the response
   */
  public static AgentResponse stream(String contentType, Consumer<ResponseStream> producer) {
    return new AgentResponse(200, null, Objects.requireNonNull(producer), false)
        .header("content-type", contentType);
  }

  /**
   * A Server-Sent Events response ({@code text/event-stream}); the gateway adds comment pings while
   * it is open.
   *
   * @param producer writes events and ends the stream
   * @return the response
   */
  public static AgentResponse events(Consumer<ResponseStream> producer) {
    return new AgentResponse(200, null, Objects.requireNonNull(producer), true)
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache");
  }

  /**
   * Adds a header.
   *
   * @param name the header name
   * @param value its value
   * @return this response
   */
  public AgentResponse header(String name, String value) {
    headers.set(name, value);
    return this;
  }

  /** {@return the HTTP status} */
  public int status() {
    return status;
  }

  /** {@return the headers} */
  public MultiMap headers() {
    return headers;
  }

  /** {@return the body, or {@code null} for a streaming response} */
  public @Nullable Buffer body() {
    return body;
  }

  /** {@return the producer of a streaming response, or {@code null}} */
  public @Nullable Consumer<ResponseStream> producer() {
    return producer;
  }

  /** {@return whether this is a Server-Sent Events stream} */
  public boolean isEventStream() {
    return events;
  }

  /**
   * Encodes a value in one pass with the Jackson mapper Vert.x and AgentBus share (it knows {@code
   * JsonObject}, records and the modules AgentBus registered), without an intermediate tree.
   */
  private static Buffer jsonBytes(@Nullable Object value) {
    try {
      return Buffer.buffer(
          io.vertx.core.json.jackson.DatabindCodec.mapper().writeValueAsBytes(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode value as JSON: " + e.getMessage(), e);
    }
  }
}
