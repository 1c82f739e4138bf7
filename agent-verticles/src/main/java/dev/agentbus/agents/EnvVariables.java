package dev.agentbus.agents;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables of the options: each option has one, {@code AGENTBUS_} and the option's
 * name in upper snake case ({@code idleTimeoutMs} → {@code AGENTBUS_IDLE_TIMEOUT_MS}, {@code port}
 * → {@code AGENTBUS_PORT}). A variable's text becomes the JSON value of the option's type: a
 * decimal number, {@code true} or {@code false} (any case), a JSON object, or the text itself; an
 * empty variable stands for JSON {@code null} (for {@code eventBusPath}: no bridge). Text that is
 * not of the option's type stays text, so that the option refuses it by name.
 */
public final class EnvVariables {

  /** What every variable's name starts with. */
  public static final String PREFIX = "AGENTBUS_";

  private EnvVariables() {}

  /**
   * The variable of an option.
   *
   * @param option an option's JSON key, e.g. {@code maxLiveInstances}
   * @return e.g. {@code AGENTBUS_MAX_LIVE_INSTANCES}
   */
  public static String name(String option) {
    return PREFIX + option.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /**
   * The options that variables of {@code env} set.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @param defaults the options' JSON with every default, e.g. {@code new
   *     AgentBusOptions().toJson()}: its keys are the options, its values give their types
   * @return one setting per variable set, in the order of {@code defaults}
   */
  public static List<AppConfig.Setting> settings(Map<String, String> env, JsonObject defaults) {
    List<AppConfig.Setting> settings = new ArrayList<>();
    for (String option : defaults.fieldNames()) {
      String text = env.get(name(option));
      if (text != null) {
        settings.add(
            new AppConfig.Setting(
                "environment variable " + name(option),
                option,
                value(text, defaults.getValue(option))));
      }
    }
    return settings;
  }

  /**
   * A variable's (or a flag's) text as the JSON value of an option.
   *
   * @param text the text
   * @param example a value of the option's type, e.g. its default
   * @return a {@link Long}, a {@link Boolean}, a {@link JsonObject} or the text; {@code null} for
   *     empty text
   */
  public static Object value(String text, Object example) {
    if (text.isEmpty()) {
      return null;
    }
    String trimmed = text.trim();
    try {
      if (example instanceof Number) {
        return Long.parseLong(trimmed);
      } else if (example instanceof JsonObject) {
        return new JsonObject(text);
      }
    } catch (RuntimeException e) {
      return text; // not of the option's type: the option names itself refusing it
    }
    if (example instanceof Boolean && trimmed.matches("(?i)true|false")) {
      return Boolean.parseBoolean(trimmed);
    }
    return text;
  }
}
