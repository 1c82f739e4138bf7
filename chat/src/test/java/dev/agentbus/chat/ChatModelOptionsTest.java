package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChatModelOptions}: the JSON constructor goes through the setters, refuses unknown keys,
 * wrong types and bad values with one line naming the key, and {@code toJson()} round-trips.
 */
class ChatModelOptionsTest {

  /** Every option set to something other than its default. */
  static final JsonObject EVERY_OPTION =
      new JsonObject()
          .put("provider", "openai")
          .put("baseUrl", "http://localhost:11434/v1")
          .put("model", "llama3.2")
          .put("apiKeyEnv", "OLLAMA_KEY")
          .put("temperature", 0.7)
          .put("maxTokens", 512)
          .put("timeoutMs", 5_000L);

  @Test
  void theDefaultIsTheStandIn() {
    ChatModelOptions options = new ChatModelOptions();

    assertEquals(ChatProvider.STANDIN, options.getProvider());
    assertNull(options.getModel());
    assertEquals(60_000, options.getTimeoutMs());
    assertEquals(
        new JsonObject().put("provider", "standin").put("timeoutMs", 60_000L), options.toJson());
  }

  @Test
  void toJsonRoundTripsEveryOption() {
    ChatModelOptions options = new ChatModelOptions(EVERY_OPTION);

    assertEquals(EVERY_OPTION, options.toJson());
    assertEquals(EVERY_OPTION, new ChatModelOptions(options).toJson());
    assertEquals(
        EVERY_OPTION, new ChatModelOptions(new JsonObject(EVERY_OPTION.encode())).toJson());
  }

  @Test
  void everyOptionReadFromJsonReachesItsGetter() {
    ChatModelOptions options = new ChatModelOptions(EVERY_OPTION);

    assertEquals(ChatProvider.OPENAI, options.getProvider());
    assertEquals("http://localhost:11434/v1", options.getBaseUrl());
    assertEquals("llama3.2", options.getModel());
    assertEquals("OLLAMA_KEY", options.getApiKeyEnv());
    assertEquals(0.7, options.getTemperature());
    assertEquals(512, options.getMaxTokens());
    assertEquals(5_000, options.getTimeoutMs());
  }

  @Test
  void nullClearsAnOptionalKey() {
    ChatModelOptions options =
        new ChatModelOptions(EVERY_OPTION.copy().putNull("temperature").putNull("apiKeyEnv"));

    assertNull(options.getTemperature());
    assertNull(options.getApiKeyEnv());
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal(new JsonObject().put("apiKey", "sk-123"), "unknown key \"apiKey\""),
        refusal(
            new JsonObject().put("provider", "ollama"),
            "provider must be one of openai, anthropic, standin, got \"ollama\""),
        refusal(new JsonObject().put("provider", 1), "provider must be a string, got 1"),
        refusal(
            new JsonObject().put("baseUrl", "localhost:11434"),
            "baseUrl must be an http or https URL with a host, got \"localhost:11434\""),
        refusal(
            new JsonObject().put("baseUrl", "ftp://models/v1"),
            "baseUrl must be an http or https URL with a host, got \"ftp://models/v1\""),
        refusal(new JsonObject().put("model", " "), "model must not be blank, got \" \""),
        refusal(
            new JsonObject().put("apiKeyEnv", "sk-live-123"),
            "apiKeyEnv must be the name of an environment variable (letters, digits, _), got"
                + " \"sk-live-123\""),
        refusal(
            new JsonObject().put("temperature", 3.5), "temperature must be from 0 to 2, got 3.5"),
        refusal(
            new JsonObject().put("temperature", "warm"),
            "temperature must be a number, got \"warm\""),
        refusal(new JsonObject().put("maxTokens", 0), "maxTokens must be at least 1, got 0"),
        refusal(
            new JsonObject().put("maxTokens", 1.5), "maxTokens must be a whole number, got 1.5"),
        refusal(new JsonObject().put("timeoutMs", 0), "timeoutMs must be at least 1, got 0"),
        refusal(
            new JsonObject().putNull("timeoutMs"), "timeoutMs must be a whole number, got null"));
  }

  private static Arguments refusal(JsonObject json, String message) {
    return Arguments.of(json, message);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void aBadValueIsRefusedInOneLineNamingItsKey(JsonObject json, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> new ChatModelOptions(json))
            .getMessage());
  }
}
