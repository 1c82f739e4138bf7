package dev.agentbus.chat.impl;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.EOFException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * An HTTP client for LangChain4j's models that fails an event stream which ends before its last
 * event. A stream cut short by a proxy or a crashing server can end like a finished one (the
 * chunked body properly closed); left alone, the OpenAI model would report the truncated reply as
 * complete and the Anthropic model would report nothing at all. Here such an end reaches the model
 * as an error instead: {@link EOFException} {@code the reply ended before its last event}. A stream
 * the caller cancelled ends as it would without this check.
 */
final class EndCheckingHttpClient implements HttpClient {

  private final HttpClient client;
  private final Predicate<ServerSentEvent> isLast;

  private EndCheckingHttpClient(HttpClient client, Predicate<ServerSentEvent> isLast) {
    this.client = client;
    this.isLast = isLast;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    return client.execute(request);
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    client.execute(request, parser, new Checking(listener));
  }

  /** Hands on every event, and turns an end that came before the last event into an error. */
  private final class Checking implements ServerSentEventListener {

    private final ServerSentEventListener listener;
    private volatile boolean lastSeen;
    private volatile ServerSentEventContext context;

    Checking(ServerSentEventListener listener) {
      this.listener = listener;
    }

    @Override
    public void onOpen(SuccessfulHttpResponse response) {
      listener.onOpen(response);
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      this.context = context;
      if (isLast.test(event)) {
        lastSeen = true;
      }
      listener.onEvent(event, context);
    }

    @Override
    public void onError(Throwable error) {
      listener.onError(error);
    }

    @Override
    public void onClose() {
      if (lastSeen || (context != null && context.parsingHandle().isCancelled())) {
        listener.onClose();
      } else {
        listener.onError(new EOFException("the reply ended before its last event"));
      }
    }
  }

  /** Builds the client around another builder's, whose timeouts it sets. */
  static final class Builder implements HttpClientBuilder {

    private final HttpClientBuilder builder;
    private final Predicate<ServerSentEvent> isLast;

    /**
     * @param builder the builder of the client that does the work
     * @param isLast tells the event a complete stream ends with
     */
    Builder(HttpClientBuilder builder, Predicate<ServerSentEvent> isLast) {
      this.builder = builder;
      this.isLast = isLast;
    }

    @Override
    public Duration connectTimeout() {
      return builder.connectTimeout();
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      builder.connectTimeout(timeout);
      return this;
    }

    @Override
    public Duration readTimeout() {
      return builder.readTimeout();
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      builder.readTimeout(timeout);
      return this;
    }

    @Override
    public HttpClient build() {
      return new EndCheckingHttpClient(builder.build(), isLast);
    }
  }
}
