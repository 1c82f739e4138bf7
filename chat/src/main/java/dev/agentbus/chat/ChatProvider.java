package dev.agentbus.chat;

import io.vertx.core.json.Json;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Who answers a chat: the {@code provider} of {@link ChatModelOptions}. */
public enum ChatProvider {

  /**
   * The OpenAI chat-completions API, and every server that speaks it (Ollama, vLLM, LM Studio, the
   * llama.cpp server): which one is chosen by {@link ChatModelOptions#setBaseUrl(String)}.
   */
  OPENAI("https://api.openai.com/v1"),

  /** Anthropic's Messages API. */
  ANTHROPIC("https://api.anthropic.com/v1"),

  /**
   * The built-in deterministic stand-in: no network, no key, answers by fixed rules ({@code
   * docs/chat.md}). The default, so that a chat works before any model is configured.
   */
  STANDIN(null);

  private final @Nullable String defaultBaseUrl;

  ChatProvider(@Nullable String defaultBaseUrl) {
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /**
   * {@return the provider's name in configuration: {@code openai}, {@code anthropic} or {@code
   * standin}}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the base URL used when none is configured; {@code null} for the stand-in, which has
   * none}
   */
  public @Nullable String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /**
   * {@return the provider of that name}
   *
   * @param id {@code openai}, {@code anthropic} or {@code standin}
   * @throws IllegalArgumentException naming the valid names, for any other
   */
  public static ChatProvider of(String id) {
    return Arrays.stream(values())
        .filter(provider -> provider.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "provider must be one of "
                        + Arrays.stream(values())
                            .map(ChatProvider::id)
                            .collect(Collectors.joining(", "))
                        + ", got "
                        + Json.encode(id)));
  }
}
