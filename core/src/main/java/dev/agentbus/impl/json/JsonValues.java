package dev.agentbus.impl.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Conversions between Java values and the JSON values of Vert.x ({@code JsonObject} etc.).
 *
 * <p>The mapper is Vert.x's own, with every Jackson module found on the class path registered (the
 * modules' {@code META-INF/services/com.fasterxml.jackson.databind.Module} entries): with {@code
 * jackson-module-kotlin} present, Kotlin data classes serve as state, rows and arguments like
 * records do; with {@code jackson-datatype-jsr310}, {@code java.time} values.
 */
public final class JsonValues {

  private static final ObjectMapper MAPPER = withModules(DatabindCodec.mapper());

  private static ObjectMapper withModules(ObjectMapper mapper) {
    // Registering a module twice (another AgentBus in the JVM) is a no-op in Jackson.
    return mapper.registerModules(ObjectMapper.findModules(JsonValues.class.getClassLoader()));
  }

  /**
   * The mapper for values from clients: a value the target type cannot represent exactly is
   * refused, not bent (a fraction for an integer, a missing or unknown field, null for a
   * primitive).
   */
  private static final ObjectMapper STRICT =
      MAPPER
          .copy()
          .enable(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
              com.fasterxml.jackson.databind.DeserializationFeature
                  .FAIL_ON_MISSING_CREATOR_PROPERTIES,
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private JsonValues() {}

  /**
   * Maps a JSON value from a client to a Java type, refusing what the type cannot represent.
   *
   * @param json a JSON value, not null
   * @param type the target type
   * @return the mapped value
   * @throws IllegalArgumentException if the value is null or the type cannot represent it exactly
   */
  public static Object fromClientJson(Object json, JavaType type) {
    if (json == null) {
      throw new IllegalArgumentException("null is not a state");
    }
    Class<?> raw = type.getRawClass();
    if (raw == Object.class || (raw.isInstance(json) && !type.isContainerType())) {
      return json;
    }
    if (raw == JsonObject.class && json instanceof Map<?, ?> map) {
      return toJson(map);
    }
    return STRICT.convertValue(json, type);
  }

  /** The shared Jackson mapper (Vert.x's, which knows {@code JsonObject} and {@code JsonArray}). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * @param type a Java type, possibly generic
   * @return its Jackson form
   */
  public static JavaType javaType(Type type) {
    return MAPPER.getTypeFactory().constructType(type);
  }

  /**
   * Maps a Java value to a JSON value: {@code null}, string, number, boolean, {@code JsonObject} or
   * {@code JsonArray}.
   *
   * @param value any value Jackson can serialize
   * @return the JSON value
   * @throws IllegalArgumentException if Jackson cannot serialize it
   */
  @SuppressWarnings("unchecked")
  public static Object toJson(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof JsonObject
        || value instanceof JsonArray) {
      return value;
    }
    Object plain = MAPPER.convertValue(value, Object.class);
    if (plain instanceof Map<?, ?> map) {
      return new JsonObject((Map<String, Object>) map);
    }
    if (plain instanceof List<?> list) {
      return new JsonArray((List<Object>) list);
    }
    return plain;
  }

  /**
   * Maps a JSON value to a Java type.
   *
   * @param json a JSON value
   * @param type the target type
   * @return the mapped value
   * @throws IllegalArgumentException if Jackson cannot map it
   */
  public static Object fromJson(Object json, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (json == null) {
      return null;
    }
    if (raw == Object.class || (raw.isInstance(json) && !type.isContainerType())) {
      return json;
    }
    if (raw == JsonObject.class && json instanceof Map<?, ?> map) {
      return toJson(map);
    }
    return MAPPER.convertValue(json, type);
  }

  /**
   * Encodes a JSON value as text.
   *
   * @param json a JSON value
   * @return its JSON text
   */
  public static String encode(Object json) {
    if (json instanceof JsonObject object) {
      return object.encode();
    }
    if (json instanceof JsonArray array) {
      return array.encode();
    }
    try {
      return MAPPER.writeValueAsString(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("Cannot encode value as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Encodes any value Jackson can serialize as JSON bytes, in one pass (no intermediate tree).
   *
   * @param value the value
   * @return its JSON encoding
   * @throws IllegalArgumentException if Jackson cannot serialize it
   */
  public static io.vertx.core.buffer.Buffer encodeToBuffer(Object value) {
    try {
      return io.vertx.core.buffer.Buffer.buffer(MAPPER.writeValueAsBytes(value));
    } catch (Exception e) {
      throw new IllegalArgumentException("Cannot encode value as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes JSON text to a JSON value.
   *
   * @param text JSON text
   * @return the JSON value
   * @throws io.vertx.core.json.DecodeException if the text is not JSON
   */
  public static Object decode(String text) {
    return toJson(io.vertx.core.json.Json.decodeValue(text));
  }
}
