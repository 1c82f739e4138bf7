package dev.agentbus.chat;

import dev.agentbus.OptionValues;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which chat model a node uses, and how it is reached. Loads from JSON ({@link
 * #ChatModelOptions(JsonObject)}, the keys are the property names below) through the same setters
 * as code uses; a setter refuses a bad value with an {@link IllegalArgumentException} that names
 * the key and the value, e.g. {@code temperature must be from 0 to 2, got 3.5}.
 *
 * <p>With no options the node answers with the built-in stand-in model ({@link
 * ChatProvider#STANDIN}). One line switches to a real one, e.g. a local Ollama:
 *
 * <pre>{@code
 * {"provider": "openai", "baseUrl": "http://localhost:11434/v1", "model": "llama3.2"}
 * }</pre>
 *
 * <p>The API key is never part of the options: {@code apiKeyEnv} names the environment variable
 * that holds it. Rules that involve several keys (a model name for a real provider, a key for
 * Anthropic) are checked when the model is built ({@link NodeChatModel#create}).
 */
public class ChatModelOptions {

  /** Default provider: the built-in stand-in model, which needs no network and no key. */
  public static final ChatProvider DEFAULT_PROVIDER = ChatProvider.STANDIN;

  /**
   * Default time to connect to the model server and to wait for its reply to begin (the response
   * head): 60 s.
   */
  public static final long DEFAULT_TIMEOUT_MS = 60_000;

  /** Highest temperature any provider accepts (OpenAI's; Anthropic's is 1). */
  public static final double MAX_TEMPERATURE = 2;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ChatProvider provider = DEFAULT_PROVIDER;
  private @Nullable String baseUrl;
  private @Nullable String model;
  private @Nullable String apiKeyEnv;
  private @Nullable Double temperature;
  private @Nullable Integer maxTokens;
  private long timeoutMs = DEFAULT_TIMEOUT_MS;

  /** Options with every default: the stand-in model. */
  public ChatModelOptions() {}

  /**
   * A copy of other options.
   *
   * @param other the options to copy
   */
  public ChatModelOptions(ChatModelOptions other) {
    this(other.toJson());
  }

  /**
   * Options read from JSON, each key through its setter; absent keys keep their defaults, and
   * {@code null} clears an optional one.
   *
   * @param json e.g. {@code {"provider":"anthropic","model":"claude-sonnet-4-5",
   *     "apiKeyEnv":"ANTHROPIC_API_KEY"}}; the keys are the property names, as {@link #toJson()}
   *     writes them
   * @throws IllegalArgumentException naming the key, for a key that is no option, a value of the
   *     wrong JSON type, or a value the setter refuses
   */
  public ChatModelOptions(JsonObject json) {
    json.forEach(entry -> set(entry.getKey(), entry.getValue()));
  }

  private void set(String key, @Nullable Object value) {
    switch (key) {
      case "provider" -> setProvider(ChatProvider.of(OptionValues.string(key, value)));
      case "baseUrl" -> setBaseUrl(value == null ? null : OptionValues.string(key, value));
      case "model" -> setModel(value == null ? null : OptionValues.string(key, value));
      case "apiKeyEnv" -> setApiKeyEnv(value == null ? null : OptionValues.string(key, value));
      case "temperature" -> setTemperature(value == null ? null : OptionValues.number(key, value));
      case "maxTokens" -> setMaxTokens(value == null ? null : OptionValues.intValue(key, value));
      case "timeoutMs" -> setTimeoutMs(OptionValues.longValue(key, value));
      default -> throw OptionValues.unknown(key);
    }
  }

  /** {@return these options as JSON, readable by {@link #ChatModelOptions(JsonObject)}} */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("provider", provider.id());
    if (baseUrl != null) {
      json.put("baseUrl", baseUrl);
    }
    if (model != null) {
      json.put("model", model);
    }
    if (apiKeyEnv != null) {
      json.put("apiKeyEnv", apiKeyEnv);
    }
    if (temperature != null) {
      json.put("temperature", temperature);
    }
    if (maxTokens != null) {
      json.put("maxTokens", maxTokens);
    }
    return json.put("timeoutMs", timeoutMs);
  }

  /** {@return who answers: an OpenAI-compatible server, Anthropic, or the stand-in} */
  public ChatProvider getProvider() {
    return provider;
  }

  /**
   * Sets who answers.
   *
   * @param provider in JSON {@code "openai"}, {@code "anthropic"} or {@code "standin"}
   * @return these options
   */
  public ChatModelOptions setProvider(ChatProvider provider) {
    if (provider == null) {
      throw new IllegalArgumentException("provider must be one of openai, anthropic, standin");
    }
    this.provider = provider;
    return this;
  }

  /**
   * {@return the URL the provider's API paths are appended to, or {@code null} for the provider's
   * own ({@link ChatProvider#defaultBaseUrl()})}
   */
  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets where the model server is. For an OpenAI-compatible server it is the URL below which
   * {@code /chat/completions} is found, e.g. {@code http://localhost:11434/v1} (Ollama), {@code
   * http://localhost:8000/v1} (vLLM), {@code http://localhost:1234/v1} (LM Studio), {@code
   * http://localhost:8080/v1} (llama.cpp server); for Anthropic the one below which {@code
   * /messages} is found.
   *
   * @param baseUrl an {@code http} or {@code https} URL with a host, or {@code null} for the
   *     provider's own
   * @return these options
   */
  public ChatModelOptions setBaseUrl(@Nullable String baseUrl) {
    if (baseUrl != null && !isHttpUrl(baseUrl)) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL with a host, got " + Json.encode(baseUrl));
    }
    this.baseUrl = baseUrl;
    return this;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** {@return the model's name as the provider knows it, or {@code null} if not set} */
  public @Nullable String getModel() {
    return model;
  }

  /**
   * Sets the model's name, as the provider knows it: {@code gpt-4o-mini}, {@code llama3.2}, {@code
   * claude-sonnet-4-5}, ... Required for every provider but the stand-in.
   *
   * @param model not blank, or {@code null}
   * @return these options
   */
  public ChatModelOptions setModel(@Nullable String model) {
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank, got " + Json.encode(model));
    }
    this.model = model;
    return this;
  }

  /**
   * {@return the name of the environment variable that holds the API key, or {@code null} to send
   * none}
   */
  public @Nullable String getApiKeyEnv() {
    return apiKeyEnv;
  }

  /**
   * Sets the environment variable the API key is read from, once, when the model is built. The key
   * itself is never in the options. Required for Anthropic and for OpenAI's own server; a local
   * OpenAI-compatible server usually needs none.
   *
   * @param apiKeyEnv a variable name ({@code [A-Za-z_][A-Za-z0-9_]*}), e.g. {@code OPENAI_API_KEY},
   *     or {@code null}
   * @return these options
   */
  public ChatModelOptions setApiKeyEnv(@Nullable String apiKeyEnv) {
    if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
      throw new IllegalArgumentException(
          "apiKeyEnv must be the name of an environment variable (letters, digits, _), got "
              + Json.encode(apiKeyEnv));
    }
    this.apiKeyEnv = apiKeyEnv;
    return this;
  }

  /** {@return the sampling temperature, or {@code null} for the model's default} */
  public @Nullable Double getTemperature() {
    return temperature;
  }

  /**
   * Sets the sampling temperature.
   *
   * @param temperature from 0 to {@value #MAX_TEMPERATURE} (Anthropic accepts up to 1), or {@code
   *     null} for the model's default
   * @return these options
   */
  public ChatModelOptions setTemperature(@Nullable Double temperature) {
    if (temperature != null && !(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
      throw new IllegalArgumentException(
          "temperature must be from 0 to 2, got " + Json.encode(temperature));
    }
    this.temperature = temperature;
    return this;
  }

  /**
   * {@return the most tokens a reply may have, or {@code null} for the provider's default (1024 for
   * Anthropic, which requires one)}
   */
  public @Nullable Integer getMaxTokens() {
    return maxTokens;
  }

  /**
   * Sets the most tokens a reply may have.
   *
   * @param maxTokens at least 1, or {@code null} for the provider's default
   * @return these options
   */
  public ChatModelOptions setMaxTokens(@Nullable Integer maxTokens) {
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
    }
    this.maxTokens = maxTokens;
    return this;
  }

  /**
   * {@return how long connecting to the model server, and then waiting for its reply to begin, may
   * take, in milliseconds}
   */
  public long getTimeoutMs() {
    return timeoutMs;
  }

  /**
   * Sets how long connecting to the model server, and then waiting for its reply to begin (the
   * response head), may take; a call that runs out of it ends in {@code onError}. A reply that has
   * begun is not cut by it, however long it streams.
   *
   * @param timeoutMs in milliseconds; at least 1
   * @return these options
   */
  public ChatModelOptions setTimeoutMs(long timeoutMs) {
    if (timeoutMs < 1) {
      throw new IllegalArgumentException("timeoutMs must be at least 1, got " + timeoutMs);
    }
    this.timeoutMs = timeoutMs;
    return this;
  }
}
