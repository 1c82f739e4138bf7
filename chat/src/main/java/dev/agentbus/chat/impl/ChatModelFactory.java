package dev.agentbus.chat.impl;

import dev.agentbus.chat.ChatModelOptions;
import dev.agentbus.chat.ChatProvider;
import dev.agentbus.chat.NodeChatModel;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Builds the model that {@link ChatModelOptions} describe, checking the rules that involve several
 * keys. Real models get the JDK's HTTP client, their replies read on virtual threads ({@link
 * VirtualThreadHttpClient}) and checked for their last event ({@link EndCheckingHttpClient}).
 */
public final class ChatModelFactory {

  /**
   * The last event of a complete chat-completions stream: {@code [DONE]}, or for a server that
   * sends none, the chunk that gives the reply's {@code finish_reason}.
   */
  private static final Predicate<ServerSentEvent> OPENAI_LAST =
      event -> "[DONE]".equals(event.data()) || finishes(event.data());

  /**
   * The last event of a complete Messages stream; after an {@code error} event, the error has been
   * reported and the stream may end.
   */
  private static final Predicate<ServerSentEvent> ANTHROPIC_LAST =
      event -> "message_stop".equals(event.event()) || "error".equals(event.event());

  private ChatModelFactory() {}

  private static boolean finishes(String chunk) {
    if (!chunk.contains("finish_reason")) {
      return false; // most chunks: no need to parse them a second time
    }
    try {
      JsonArray choices = new JsonObject(chunk).getJsonArray("choices");
      return choices != null
          && !choices.isEmpty()
          && choices.getJsonObject(0).getValue("finish_reason") != null;
    } catch (DecodeException | ClassCastException e) {
      return false; // the model reports what it cannot read
    }
  }

  /**
   * @param vertx the node's Vert.x instance
   * @param options which model
   * @param environment the environment variables, by name
   * @return the model
   * @throws IllegalArgumentException naming the key, if the options describe no usable model
   */
  public static NodeChatModel create(
      Vertx vertx, ChatModelOptions options, Function<String, @Nullable String> environment) {
    return switch (options.getProvider()) {
      case STANDIN -> standIn(vertx, options);
      case OPENAI -> openAi(options, environment);
      case ANTHROPIC -> anthropic(options, environment);
    };
  }

  private static NodeChatModel standIn(Vertx vertx, ChatModelOptions options) {
    if (options.getBaseUrl() != null
        || options.getModel() != null
        || options.getApiKeyEnv() != null
        || options.getTemperature() != null
        || options.getMaxTokens() != null) {
      throw new IllegalArgumentException(
          "provider is standin (the default), which takes no baseUrl, model, apiKeyEnv,"
              + " temperature or maxTokens: set provider to openai or anthropic");
    }
    return new StandInModel(vertx);
  }

  private static NodeChatModel openAi(
      ChatModelOptions options, Function<String, @Nullable String> environment) {
    String baseUrl = baseUrl(options);
    boolean openAisOwn = baseUrl.equals(ChatProvider.OPENAI.defaultBaseUrl());
    String apiKey = apiKey(options, environment, openAisOwn);
    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder =
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(httpClient(baseUrl, OPENAI_LAST))
            .baseUrl(baseUrl)
            .apiKey(apiKey)
            .modelName(model(options))
            .temperature(options.getTemperature())
            .timeout(Duration.ofMillis(options.getTimeoutMs()));
    // OpenAI's newer models refuse max_tokens; the compatible servers know only max_tokens
    if (openAisOwn) {
      builder.maxCompletionTokens(options.getMaxTokens());
    } else {
      builder.maxTokens(options.getMaxTokens());
    }
    return new ProviderChatModel(name(options, baseUrl), options.getTimeoutMs(), builder.build());
  }

  private static NodeChatModel anthropic(
      ChatModelOptions options, Function<String, @Nullable String> environment) {
    String baseUrl = baseUrl(options);
    StreamingChatModel model =
        AnthropicStreamingChatModel.builder()
            .httpClientBuilder(httpClient(baseUrl, ANTHROPIC_LAST))
            .baseUrl(baseUrl)
            .apiKey(apiKey(options, environment, true))
            .modelName(model(options))
            .temperature(options.getTemperature())
            .maxTokens(options.getMaxTokens())
            .timeout(Duration.ofMillis(options.getTimeoutMs()))
            .build();
    return new ProviderChatModel(name(options, baseUrl), options.getTimeoutMs(), model);
  }

  private static String baseUrl(ChatModelOptions options) {
    String baseUrl = options.getBaseUrl();
    if (baseUrl == null) {
      baseUrl = options.getProvider().defaultBaseUrl();
    }
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  private static String model(ChatModelOptions options) {
    String model = options.getModel();
    if (model == null) {
      throw new IllegalArgumentException(
          "model is required for provider "
              + options.getProvider().id()
              + ": the model's name as the server knows it");
    }
    return model;
  }

  private static @Nullable String apiKey(
      ChatModelOptions options, Function<String, @Nullable String> environment, boolean required) {
    String variable = options.getApiKeyEnv();
    if (variable == null) {
      if (required) {
        throw new IllegalArgumentException(
            "apiKeyEnv is required for provider "
                + options.getProvider().id()
                + (options.getProvider() == ChatProvider.OPENAI ? " at " + baseUrl(options) : "")
                + ": the name of the environment variable that holds the API key");
      }
      return null;
    }
    String key = environment.apply(variable);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "apiKeyEnv names the environment variable " + variable + ", which is not set or empty");
    }
    return key.strip();
  }

  private static String name(ChatModelOptions options, String baseUrl) {
    return options.getProvider().id() + " model " + options.getModel() + " at " + baseUrl;
  }

  private static HttpClientBuilder httpClient(String baseUrl, Predicate<ServerSentEvent> isLast) {
    return new EndCheckingHttpClient.Builder(
        new VirtualThreadHttpClient.Builder(baseUrl.startsWith("http:")), isLast);
  }
}
