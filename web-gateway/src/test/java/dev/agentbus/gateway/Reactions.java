package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What an instance of {@link FuzzAgent} answers each message with, read from docs/protocol.md
 * ("WebSocket frames"): a well-formed {@code rpc} frame is a call, answered once with its id; a
 * {@code cf_agent_state} frame with a {@code state} is an update, answered only if refused;
 * anything else goes to {@code onMessage}, which the fuzz agent answers with its kind and length.
 * Calls are matched by id: a stream waiting for its client lets later messages be answered first.
 */
final class Reactions {

  private Reactions() {}

  /**
   * @param message a {@code String} (text message) or {@code byte[]} (binary)
   * @return the reaction expected: {@code {"call":id,"method":m,"args":[...]}}, {@code
   *     {"state":"accepted"|"rejected"}} or the {@code fuzz_message} frame itself
   */
  static JsonObject expected(Object message) {
    if (message instanceof byte[] data) {
      return onMessage("binary", data.length);
    }
    String text = (String) message;
    JsonObject frame = parseObject(text);
    if (frame != null
        && "rpc".equals(frame.getValue("type"))
        && frame.getValue("id") instanceof String id
        && frame.getValue("method") instanceof String method
        && frame.getValue("args") instanceof JsonArray args) {
      return new JsonObject().put("call", id).put("method", method).put("args", args);
    }
    if (frame != null
        && "cf_agent_state".equals(frame.getValue("type"))
        && frame.containsKey("state")) {
      // the fuzz agent's validateStateChange: an object whose count is an int, not negative
      boolean valid =
          frame.getValue("state") instanceof JsonObject state
              && state.getValue("count") instanceof Integer count
              && count >= 0;
      return new JsonObject().put("state", valid ? "accepted" : "rejected");
    }
    return onMessage("text", text.length());
  }

  /**
   * Reads the reaction from the socket and checks it.
   *
   * @param replies the socket's frames (state broadcasts left out)
   */
  static void check(JsonObject expected, ReplyReader replies, FuzzTally tally) {
    if (expected.containsKey("call")) {
      checkAnswer(expected, replies);
      if (!FuzzAgent.CALLABLE.contains(expected.getString("method"))) {
        tally.notCallableRefused();
      }
    } else if (expected.containsKey("state")) {
      if (expected.getString("state").equals("rejected")) {
        JsonObject refusal =
            new JsonObject()
                .put("type", "cf_agent_state_error")
                .put("error", "State update rejected");
        assertEquals(refusal, replies.nextOther());
      }
    } else {
      assertEquals(expected, replies.nextOther(), "onMessage's answer");
    }
  }

  private static void checkAnswer(JsonObject call, ReplyReader replies) {
    String id = call.getString("call");
    String method = call.getString("method");
    JsonArray args = call.getJsonArray("args");
    JsonObject answer = replies.answerTo(id);
    String about = "the answer to " + Json.encode(call) + ": " + answer.encode();
    assertEquals("rpc", answer.getString("type"), about);
    assertEquals(id, answer.getValue("id"), about);
    assertInstanceOf(Boolean.class, answer.getValue("success"), about);
    if (!FuzzAgent.CALLABLE.contains(method)) {
      String error =
          FuzzMessages.NOT_CALLABLE.contains(method)
              ? "Method " + method + " is not callable"
              : "Method " + method + " does not exist";
      assertEquals(false, answer.getValue("success"), about);
      assertEquals(error, answer.getValue("error"), about);
    } else if (method.equals("echo") && args.size() == 1) {
      assertEquals(true, answer.getValue("success"), about);
      assertEquals(Json.encode(args.getValue(0)), Json.encode(answer.getValue("result")), about);
    } else if (answer.getBoolean("success")) {
      assertEquals(true, answer.getValue("done"), about);
    }
  }

  private static JsonObject onMessage(String kind, long length) {
    return new JsonObject().put("type", "fuzz_message").put("kind", kind).put("length", length);
  }

  private static JsonObject parseObject(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      return null;
    }
  }
}
