package dev.agentbus.gateway;

import dev.agentbus.Agent;
import dev.agentbus.AgentBase;
import dev.agentbus.Callable;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Text messages for the frame fuzzer, each with its kind: calls of callable, non-callable and
 * unknown methods, protocol frames with fields removed, retyped or added, client states, deep
 * nesting, huge numbers, text that is not a JSON object, and messages of exactly the size limit.
 */
final class FuzzMessages {

  /** The gateway's limit on a message (the default {@code maxMessageBytes}). */
  static final int MAX = GatewayDefaults.DEFAULT_MAX_MESSAGE_BYTES;

  /** Every public method name of Object, AgentBase, Agent and FuzzAgent that is not callable. */
  static final List<String> NOT_CALLABLE =
      Stream.of(Object.class, AgentBase.class, Agent.class, FuzzAgent.class)
          .flatMap(type -> Arrays.stream(type.getMethods()))
          .filter(method -> !method.isAnnotationPresent(Callable.class))
          .map(Method::getName)
          .distinct()
          .sorted()
          .toList();

  /** A text message and what it is meant to exercise. */
  record Message(String kind, String text) {}

  private FuzzMessages() {}

  /** Any text message, of every kind. */
  static Arbitrary<Message> messages() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, calls().map(text -> new Message("rpc callable", text))),
        Tuple.of(4, notCallable().map(text -> new Message("rpc not callable", text))),
        Tuple.of(2, unknownMethod().map(text -> new Message("rpc unknown method", text))),
        Tuple.of(5, mutated().map(text -> new Message("mutated protocol frame", text))),
        Tuple.of(3, states().map(text -> new Message("client state", text))),
        Tuple.of(3, notAnObject().map(text -> new Message("not a JSON object", text))),
        Tuple.of(2, deepNesting().map(text -> new Message("deep nesting", text))),
        Tuple.of(2, hugeNumbers().map(text -> new Message("huge number", text))),
        Tuple.of(1, atTheLimit().map(text -> new Message("message at the size limit", text))));
  }

  /**
   * Text of any Unicode scalar values (no lone surrogates): mostly ASCII, with controls, accents,
   * CJK, astral characters.
   */
  static Arbitrary<String> texts(int maxLength) {
    Arbitrary<Integer> codePoints =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 0x7F)),
            Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
            Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
            Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
    return codePoints
        .list()
        .ofMaxSize(maxLength)
        .map(
            list -> {
              StringBuilder text = new StringBuilder();
              list.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  /** Any JSON value as Vert.x holds it, nested up to {@code depth} containers. */
  static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.of(true, false),
            Arbitraries.integers(),
            Arbitraries.longs(),
            Arbitraries.doubles(),
            texts(12));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> array = json(depth - 1).list().ofMaxSize(4).map(JsonArray::new);
    Arbitrary<Object> object =
        Arbitraries.maps(texts(6), json(depth - 1)).ofMaxSize(4).map(JsonObject::new);
    return Arbitraries.frequencyOf(Tuple.of(4, leaf), Tuple.of(1, array), Tuple.of(1, object));
  }

  static String rpc(Object id, Object method, Object args) {
    return new JsonObject()
        .put("type", "rpc")
        .put("id", id)
        .put("method", method)
        .put("args", args)
        .encode();
  }

  private static Arbitrary<String> calls() {
    Arbitrary<JsonArray> anyArgs = json(2).list().ofMaxSize(3).map(JsonArray::new);
    Arbitrary<JsonArray> echo =
        Arbitraries.frequencyOf(
            Tuple.of(5, json(3).map(value -> new JsonArray().add(value))), Tuple.of(1, anyArgs));
    Arbitrary<JsonArray> increment =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.integers().between(-3, 5).map(n -> new JsonArray().add(n))),
            Tuple.of(1, anyArgs));
    Arbitrary<JsonArray> count =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.integers().between(-2, 15).map(n -> new JsonArray().add(n))),
            Tuple.of(1, anyArgs));
    Arbitrary<JsonArray> fail = texts(20).map(text -> new JsonArray().add(text));
    return Arbitraries.oneOf(
        call("echo", echo), call("increment", increment), call("count", count), call("fail", fail));
  }

  private static Arbitrary<String> call(String method, Arbitrary<JsonArray> args) {
    return args.map(list -> rpc(Ids.next(), method, list));
  }

  private static Arbitrary<String> notCallable() {
    return Combinators.combine(
            Arbitraries.of(NOT_CALLABLE), json(2).list().ofMaxSize(4).map(JsonArray::new))
        .as((method, args) -> rpc(Ids.next(), method, args));
  }

  private static Arbitrary<String> unknownMethod() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("", "ECHO", "Echo", "echo ", " echo", "echo()", "<init>", "<clinit>"),
            Arbitraries.of("toString()", "java.lang.Object.wait", "getClass().forName", "wipe\0"),
            texts(16).map(text -> "no such method " + text));
    return Combinators.combine(names, json(2).list().ofMaxSize(3).map(JsonArray::new))
        .as((method, args) -> rpc(Ids.next(), method, args));
  }

  /** Protocol frames with fields removed, given the wrong type, added; then maybe cut short. */
  private static Arbitrary<String> mutated() {
    Arbitrary<JsonObject> frames =
        Arbitraries.oneOf(
            calls().map(JsonObject::new),
            notCallable().map(JsonObject::new),
            states().map(JsonObject::new),
            Arbitraries.of(
                    "agentbus_state_get",
                    "agentbus_tasks_due",
                    "cf_agent_identity",
                    "cf_agent_mcp_servers",
                    "cf_agent_state_error",
                    "cf_agent_use_chat_request")
                .map(type -> new JsonObject().put("type", type)));
    Arbitrary<String> keys = Arbitraries.of("type", "id", "method", "args", "state", "done");
    Arbitrary<UnaryOperator<JsonObject>> mutation =
        Arbitraries.oneOf(
            keys.map(key -> frame -> removed(frame, key)),
            Combinators.combine(keys, json(2)).as((key, value) -> frame -> frame.put(key, value)),
            Combinators.combine(texts(8), json(1))
                .as((key, value) -> frame -> frame.put(key, value)));
    Arbitrary<JsonObject> mutatedFrames =
        Combinators.combine(frames, mutation.list().ofMinSize(1).ofMaxSize(3))
            .as(
                (frame, mutations) -> {
                  JsonObject result = frame;
                  for (UnaryOperator<JsonObject> m : mutations) {
                    result = m.apply(result);
                  }
                  return result;
                });
    Arbitrary<UnaryOperator<String>> textual =
        Arbitraries.oneOf(
            Arbitraries.just(UnaryOperator.identity()),
            Arbitraries.doubles().between(0, 1).map(at -> text -> cut(text, at)),
            Arbitraries.of("{\"type\":\"rpc\",", "{\"type\":7,", "{\"\":null,")
                .map(prefix -> text -> text.length() > 2 ? prefix + text.substring(1) : text),
            Arbitraries.of("]", "}", ",", "\"", "\\", "\0", " garbage")
                .map(suffix -> text -> text + suffix));
    return Combinators.combine(mutatedFrames, textual)
        .as((frame, change) -> change.apply(frame.encode()));
  }

  private static JsonObject removed(JsonObject frame, String key) {
    frame.remove(key);
    return frame;
  }

  private static String cut(String text, double at) {
    int end = (int) (text.length() * at);
    // never between the two halves of a surrogate pair: the message must stay valid UTF-8
    return end > 0 && Character.isHighSurrogate(text.charAt(end - 1))
        ? text.substring(0, end - 1)
        : text.substring(0, end);
  }

  /** {@code cf_agent_state} frames with valid and invalid states. */
  private static Arbitrary<String> states() {
    Arbitrary<Object> counts =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 1000),
            Arbitraries.integers().between(Integer.MIN_VALUE, -1),
            Arbitraries.of(1.5, 2147483648L, "3", true),
            json(1));
    Arbitrary<Object> states =
        Arbitraries.frequencyOf(
            Tuple.of(4, counts.map(count -> new JsonObject().put("count", count))),
            Tuple.of(1, json(3)));
    return states.map(
        state -> new JsonObject().put("type", "cf_agent_state").put("state", state).encode());
  }

  private static Arbitrary<String> notAnObject() {
    return Arbitraries.oneOf(
        texts(200),
        json(3).filter(value -> !(value instanceof JsonObject)).map(Json::encode),
        Arbitraries.of(
            "", " ", "\t\n", "{}", "{} {}", "{\"type\":\"rpc\"} trailing", "[{}]", "null"));
  }

  /** Arrays or objects nested from 2 to 100,000 deep, alone, as a call's argument or a state. */
  private static Arbitrary<String> deepNesting() {
    Arbitrary<Integer> depths =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.integers().between(2, 997)),
            Tuple.of(2, Arbitraries.of(998, 999, 1000, 1001)),
            Tuple.of(2, Arbitraries.integers().between(1002, 100_000)),
            Tuple.of(1, Arbitraries.just(100_000)));
    Arbitrary<String> nested =
        Combinators.combine(depths, Arbitraries.of(true, false))
            .as(
                (depth, arrays) ->
                    arrays
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    return placed(nested);
  }

  /** Numbers no double holds (1e400), and integers of 300 to 1,100 digits. */
  private static Arbitrary<String> hugeNumbers() {
    Arbitrary<String> digits =
        Combinators.combine(Arbitraries.integers().between(19, 1100), Arbitraries.of("", "-"))
            .as((length, sign) -> sign + "9".repeat(length));
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.of(
                "1e400", "-1e400", "1e-400", "1E+309", "2147483648", "9223372036854775808"),
            Arbitraries.of("0." + "0".repeat(500) + "1", "1" + "0".repeat(400) + ".5"),
            digits);
    return placed(numbers);
  }

  /** A JSON value alone, as the argument of a call, or as a state's count. */
  private static Arbitrary<String> placed(Arbitrary<String> values) {
    return Combinators.combine(
            values, Arbitraries.of("alone", "echo", "increment", "count", "state"))
        .as(
            (value, where) ->
                switch (where) {
                  case "alone" -> value;
                  case "state" ->
                      "{\"type\":\"cf_agent_state\",\"state\":{\"count\":" + value + "}}";
                  default ->
                      "{\"type\":\"rpc\",\"id\":\""
                          + Ids.next()
                          + "\",\"method\":\""
                          + where
                          + "\",\"args\":["
                          + value
                          + "]}";
                });
  }

  /** Messages of exactly the limit, or a byte less: a call, plain text, two-byte characters. */
  private static Arbitrary<String> atTheLimit() {
    return Combinators.combine(Arbitraries.of(MAX - 1, MAX), Arbitraries.of("call", "a", "é"))
        .as(
            (bytes, fill) -> {
              if (fill.equals("call")) {
                String empty = rpc(Ids.next(), "echo", new JsonArray().add(""));
                int quote = empty.lastIndexOf("\"\"") + 1;
                return empty.substring(0, quote)
                    + "x".repeat(bytes - empty.length())
                    + empty.substring(quote);
              }
              int perChar = fill.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
              return fill.repeat(bytes / perChar) + "a".repeat(bytes % perChar);
            });
  }

  /** Call ids, unique within a run, so that every answer names the call it answers. */
  static final class Ids {
    private static final java.util.concurrent.atomic.AtomicLong NEXT =
        new java.util.concurrent.atomic.AtomicLong();

    private Ids() {}

    static String next() {
      return "c" + NEXT.incrementAndGet();
    }
  }
}
