package dev.agentbus.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The application's configuration file ({@code --config app.json}): one JSON object whose keys are
 * the runtime's options ({@link AgentBusOptions}), {@code agents} (the agent jars) and {@code
 * gateway}, an object of the gateway's options ({@link GatewayOptions}), and {@code chat}, the
 * node's chat model ({@code ChatModelOptions}). Reading it checks every key, so that a misspelt
 * option stops the start instead of being ignored.
 */
public final class ConfigFile {

  /** The keys of the file's top level besides the runtime's options. */
  public static final List<String> APPLICATION_KEYS = List.of("agents", "gateway", ChatConfig.KEY);

  private ConfigFile() {}

  /**
   * Reads and checks a configuration file.
   *
   * @param file the file
   * @return its JSON object
   * @throws IllegalArgumentException whose message, one line, names the file and what is wrong: not
   *     found, unreadable, not JSON (with line and column), not an object, an unknown key (with the
   *     key it may have meant), or {@code gateway} not an object
   */
  public static JsonObject read(Path file) {
    String label = label(file);
    try {
      String text = Files.readString(file);
      if (text.isBlank()) {
        throw new IllegalArgumentException(label + ": is empty (an empty object is {})");
      }
      Object json = Json.decodeValue(text);
      if (!(json instanceof JsonObject config)) {
        throw new IllegalArgumentException(label + ": must hold a JSON object, got " + kind(json));
      }
      check(config);
      return config;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(label + ": not found", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(label + ": cannot be read (" + e + ")", e);
    } catch (DecodeException e) {
      throw new IllegalArgumentException(label + ": not valid JSON" + where(e), e);
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(label)
          ? e
          : new IllegalArgumentException(label + ": " + e.getMessage(), e);
    }
  }

  /**
   * How messages name a file.
   *
   * @param file the file, as the user gave it
   * @return e.g. {@code config file app.json}
   */
  public static String label(Path file) {
    return "config file " + file;
  }

  /**
   * Checks that every key of a configuration is known, and the types of {@code agents} and {@code
   * gateway} (the options' types are checked by the options).
   *
   * @param config the file's object
   * @throws IllegalArgumentException naming the first unknown key, e.g. {@code unknown key "prot"
   *     (did you mean "gateway.port"?)}, or {@code agents} or {@code gateway} of a wrong type
   */
  public static void check(JsonObject config) {
    List<String> top = new ArrayList<>(new AgentBusOptions().toJson().fieldNames());
    top.addAll(APPLICATION_KEYS);
    List<String> nested = new ArrayList<>();
    new GatewayOptions().toJson().fieldNames().forEach(key -> nested.add("gateway." + key));
    for (String key : config.fieldNames()) {
      if (!top.contains(key)) {
        throw unknown(key, top, nested);
      }
    }
    AppConfig.agentPaths(null, null, config); // refuses an "agents" of a wrong type
    if (!config.containsKey("gateway")) {
      return;
    }
    Object gateway = config.getValue("gateway");
    if (!(gateway instanceof JsonObject object)) {
      throw new IllegalArgumentException(
          "gateway must be a JSON object of the gateway's options, got " + Json.encode(gateway));
    }
    for (String key : object.fieldNames()) {
      if (!nested.contains("gateway." + key)) {
        throw unknown("gateway." + key, nested, top);
      }
    }
  }

  private static IllegalArgumentException unknown(
      String path, List<String> sameLevel, List<String> otherLevel) {
    String leaf = leaf(path);
    String best = null;
    int bestDistance = Math.max(1, Math.min(2, leaf.length() / 3)) + 1;
    List<String> candidates = new ArrayList<>(sameLevel);
    candidates.addAll(otherLevel);
    for (String candidate : candidates) {
      int distance =
          distance(leaf.toLowerCase(Locale.ROOT), leaf(candidate).toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return new IllegalArgumentException(
        "unknown key "
            + Json.encode(path)
            + (best == null ? "" : " (did you mean " + Json.encode(best) + "?)"));
  }

  private static String leaf(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** Edits (insert, delete, replace, swap two neighbours) that turn {@code a} into {@code b}. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String where(DecodeException e) {
    if (e.getCause() instanceof JsonProcessingException cause) {
      String reason = cause.getOriginalMessage().lines().findFirst().orElse("");
      return cause.getLocation() == null
          ? ": " + reason
          : " at line "
              + cause.getLocation().getLineNr()
              + ", column "
              + cause.getLocation().getColumnNr()
              + ": "
              + reason;
    }
    return "";
  }

  private static String kind(Object json) {
    return json instanceof JsonArray ? "an array" : Json.encode(json);
  }
}
