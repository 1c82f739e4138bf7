package dev.agentbus;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Reads the values of an {@code *Options} class's JSON form, for the JSON constructors of the
 * options of AgentBus and its modules: each value must have its option's JSON type, else it is
 * refused with a message that names the key, what it must be, and what it was.
 */
public final class OptionValues {

  private OptionValues() {}

  /**
   * {@return the value as a string}
   *
   * @param key the option
   * @param value its JSON value
   * @throws IllegalArgumentException if it is not a string
   */
  public static String string(String key, @Nullable Object value) {
    return typed(key, value, String.class, "a string");
  }

  /**
   * {@return the value as a boolean}
   *
   * @param key the option
   * @param value its JSON value
   * @throws IllegalArgumentException if it is not {@code true} or {@code false}
   */
  public static boolean bool(String key, @Nullable Object value) {
    return typed(key, value, Boolean.class, "true or false");
  }

  /**
   * {@return a copy of the value as a JSON object}
   *
   * @param key the option
   * @param value its JSON value
   * @throws IllegalArgumentException if it is not a JSON object
   */
  public static JsonObject object(String key, @Nullable Object value) {
    return typed(key, value, JsonObject.class, "a JSON object").copy();
  }

  /**
   * {@return the value as a long}
   *
   * @param key the option
   * @param value its JSON value
   * @throws IllegalArgumentException if it is not a whole number that fits in a long
   */
  public static long longValue(String key, @Nullable Object value) {
    return whole(key, value, Long.MAX_VALUE);
  }

  /**
   * {@return the value as an int}
   *
   * @param key the option
   * @param value its JSON value
   * @throws IllegalArgumentException if it is not a whole number that fits in an int
   */
  public static int intValue(String key, @Nullable Object value) {
    return (int) whole(key, value, Integer.MAX_VALUE);
  }

  /**
   * {@return the value as a double}
   *
   * @param key the option
   * @param value its JSON value
   * @throws IllegalArgumentException if it is not a finite number
   */
  public static double number(String key, @Nullable Object value) {
    double number = typed(key, value, Number.class, "a number").doubleValue();
    if (!Double.isFinite(number)) {
      throw refused(key, "a finite number", value);
    }
    return number;
  }

  /**
   * {@return the refusal of a key that names no option}
   *
   * @param key the key
   */
  public static IllegalArgumentException unknown(String key) {
    return new IllegalArgumentException("unknown key " + Json.encode(key));
  }

  private static <T> T typed(String key, @Nullable Object value, Class<T> type, String what) {
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw refused(key, what, value);
  }

  private static long whole(String key, @Nullable Object value, long max) {
    BigDecimal number;
    try {
      number = new BigDecimal(typed(key, value, Number.class, "a whole number").toString());
    } catch (NumberFormatException e) {
      throw refused(key, "a whole number", value); // NaN or infinite
    }
    if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw refused(key, "a whole number", value);
    }
    if (number.compareTo(BigDecimal.valueOf(max)) > 0
        || number.compareTo(BigDecimal.valueOf(-max - 1)) < 0) {
      throw refused(key, "a whole number from " + (-max - 1) + " to " + max, value);
    }
    return number.longValue();
  }

  private static IllegalArgumentException refused(String key, String what, @Nullable Object value) {
    return new IllegalArgumentException(key + " must be " + what + ", got " + Json.encode(value));
  }
}
