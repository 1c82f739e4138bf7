package dev.agentbus.agents;

import dev.agentbus.chat.ChatModelOptions;
import dev.agentbus.chat.ChatProvider;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's chat model, as the application reads it: the configuration file's {@code chat} object,
 * then the {@code AGENTBUS_CHAT_*} environment variables over it ({@code AGENTBUS_CHAT_PROVIDER},
 * {@code _BASE_URL}, {@code _MODEL}, {@code _API_KEY_ENV}, {@code _TEMPERATURE}, {@code
 * _MAX_TOKENS}, {@code _TIMEOUT_MS}). Agents find it as {@code config().getJsonObject("chat")},
 * which {@code ChatAgent.chatModel()} reads.
 */
final class ChatConfig {

  /** The configuration file's key, and the key under the agents' configuration. */
  static final String KEY = "chat";

  /** The options an environment variable may set, with the type of each. */
  private static final Map<String, Class<?>> OPTIONS = new LinkedHashMap<>();

  static {
    OPTIONS.put("provider", String.class);
    OPTIONS.put("baseUrl", String.class);
    OPTIONS.put("model", String.class);
    OPTIONS.put("apiKeyEnv", String.class);
    OPTIONS.put("temperature", Double.class);
    OPTIONS.put("maxTokens", Long.class);
    OPTIONS.put("timeoutMs", Long.class);
  }

  private ChatConfig() {}

  /**
   * Reads the chat model's options.
   *
   * @param fileLabel how to name the configuration file in an error
   * @param file the configuration file's {@code chat} value, or {@code null}
   * @param env the environment
   * @return the options, checked
   * @throws IllegalArgumentException naming the file or variable and the option at fault
   */
  static ChatModelOptions load(String fileLabel, Object file, Map<String, String> env) {
    if (file != null && !(file instanceof JsonObject)) {
      throw new IllegalArgumentException(
          fileLabel + ": chat must be a JSON object, e.g. {\"provider\":\"openai\",...}");
    }
    ChatModelOptions options =
        checked(fileLabel, file == null ? new JsonObject() : (JsonObject) file);
    for (Map.Entry<String, Class<?>> option : OPTIONS.entrySet()) {
      String name =
          EnvVariables.name(
              KEY
                  + Character.toUpperCase(option.getKey().charAt(0))
                  + option.getKey().substring(1));
      String text = env.get(name);
      if (text == null || text.isBlank()) {
        continue;
      }
      JsonObject json =
          options.toJson().put(option.getKey(), value(text.trim(), option.getValue()));
      options = checked("environment variable " + name, json);
    }
    return options;
  }

  /** {@return a line for the log that says which model answers, and how to change it} */
  static String describe(ChatModelOptions options) {
    if (options.getProvider() == ChatProvider.STANDIN) {
      return "Chat model: the built-in stand-in (deterministic, offline; not a real model)."
          + " Set chat.provider in the configuration or AGENTBUS_CHAT_PROVIDER to use one.";
    }
    return "Chat model: "
        + options.getProvider().id()
        + " "
        + options.getModel()
        + (options.getBaseUrl() == null ? "" : " at " + options.getBaseUrl());
  }

  private static Object value(String text, Class<?> type) {
    try {
      if (type == Double.class) {
        return Double.parseDouble(text);
      } else if (type == Long.class) {
        return Long.parseLong(text);
      }
    } catch (NumberFormatException e) {
      return text; // the option's setter names itself refusing it
    }
    return text;
  }

  private static ChatModelOptions checked(String source, JsonObject json) {
    try {
      return new ChatModelOptions(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": chat." + e.getMessage(), e);
    }
  }
}
