package dev.agentbus.chat.impl;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * LangChain4j's HTTP client for the models, on the JDK's {@code java.net.http} client, that reads
 * each event stream on a virtual thread of its own.
 *
 * <p>Why not {@code langchain4j-http-client-jdk}: its client reads a stream inside a dependent
 * action of {@code sendAsync}, which the JDK runs in the common fork-join pool, and reading blocks
 * until the reply ends. The pool has a few hundred threads at most: 300 replies streaming at once
 * stalled, each waiting for a thread another held. Here a reply in progress holds a virtual thread
 * only, however many there are.
 *
 * <p>The models send JSON bodies only; a request's form data, which no chat request has, is not
 * sent.
 */
final class VirtualThreadHttpClient implements HttpClient {

  private final java.net.http.HttpClient client;
  private final Duration readTimeout;

  private VirtualThreadHttpClient(java.net.http.HttpClient client, Duration readTimeout) {
    this.client = client;
    this.readTimeout = readTimeout;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = client.send(toJdk(request), BodyHandlers.ofByteArray());
      if (!isSuccess(response)) {
        throw new HttpException(
            response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
      }
      return SuccessfulHttpResponse.builder()
          .statusCode(response.statusCode())
          .headers(response.headers().map())
          .body(response.body())
          .build();
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the model server", e);
    }
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    Thread.ofVirtual().name("agentbus-model-stream").start(() -> stream(request, parser, listener));
  }

  private void stream(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    try {
      HttpResponse<InputStream> response =
          client.send(toJdk(request), BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (!isSuccess(response)) {
          String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
          listener.onError(new HttpException(response.statusCode(), text));
          return;
        }
        listener.onOpen(
            SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .build());
        parser.parse(body, listener); // reports a failed read to the listener itself
      }
      listener.onClose();
    } catch (HttpTimeoutException e) {
      listener.onError(new TimeoutException(e));
    } catch (IOException | InterruptedException | RuntimeException e) {
      listener.onError(e);
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
            .method(
                request.method().name(),
                request.body() == null
                    ? BodyPublishers.noBody()
                    : BodyPublishers.ofString(request.body()));
    request
        .headers()
        .forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    if (readTimeout != null) {
      builder.timeout(readTimeout);
    }
    return builder.build();
  }

  private static boolean isSuccess(HttpResponse<?> response) {
    return response.statusCode() >= 200 && response.statusCode() < 300;
  }

  /** Builds the client: the JDK's, speaking HTTP/1.1 to plain {@code http} servers. */
  static final class Builder implements HttpClientBuilder {

    private final boolean plainHttp;
    private Duration connectTimeout;
    private Duration readTimeout;

    /**
     * @param plainHttp whether the server is spoken to in plain {@code http}: local servers speak
     *     HTTP/1.1, so they are spared the JDK client's attempt to upgrade to h2c
     */
    Builder(boolean plainHttp) {
      this.plainHttp = plainHttp;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public HttpClient build() {
      java.net.http.HttpClient.Builder jdk = java.net.http.HttpClient.newBuilder();
      if (connectTimeout != null) {
        jdk.connectTimeout(connectTimeout);
      }
      if (plainHttp) {
        jdk.version(java.net.http.HttpClient.Version.HTTP_1_1);
      }
      return new VirtualThreadHttpClient(jdk.build(), readTimeout);
    }
  }
}
