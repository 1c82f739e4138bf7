package dev.agentbus.bench.gateway;

import io.vertx.core.json.JsonObject;

/**
 * The load client's side of the wire: the URLs and frames it sends, and cheap scans of the frames
 * it receives (the first frame of each kind in a run is also checked in full with {@link
 * #checkRpcAnswer} or {@link #checkState}).
 */
final class Wire {

  /** The argument of every {@code echo} call, and so its expected result. */
  static final String ECHO_VALUE = "hello";

  private static final String ID_FIELD = "\"id\":\"";

  private Wire() {}

  /** The WebSocket URI of an instance, with a connection id. */
  static String socketUri(String name, String pk) {
    return CeilingServer.PATH_PREFIX + name + "?_pk=" + pk;
  }

  /** The HTTP URI of an instance. */
  static String httpUri(String name) {
    return CeilingServer.PATH_PREFIX + name;
  }

  /** An {@code echo} call. */
  static String echo(int id) {
    return "{\"type\":\"rpc\",\"id\":\"" + id + "\",\"method\":\"echo\",\"args\":[\"hello\"]}";
  }

  /** An {@code increment(1)} call. */
  static String increment(int id) {
    return "{\"type\":\"rpc\",\"id\":\"" + id + "\",\"method\":\"increment\",\"args\":[1]}";
  }

  /** The numeric id of an rpc answer, or -1 if the frame has no numeric {@code id}. */
  static int rpcId(String text) {
    int at = text.indexOf(ID_FIELD);
    if (at < 0) {
      return -1;
    }
    int n = 0;
    for (int i = at + ID_FIELD.length(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return n;
      }
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return -1;
  }

  /** Whether an rpc answer says {@code success:true}. */
  static boolean success(String text) {
    return text.contains("\"success\":true");
  }

  /** Whether a frame is a {@code cf_agent_state} frame. */
  static boolean isState(String text) {
    return text.contains("\"type\":\"cf_agent_state\"");
  }

  /** Whether a frame is a {@code cf_agent_identity} frame. */
  static boolean isIdentity(String text) {
    return text.contains("\"type\":\"cf_agent_identity\"");
  }

  /**
   * Checks an rpc answer in full.
   *
   * @return null if it is {@code {"type":"rpc","id":id,"success":true,"result":expected,"done":
   *     true}} (any result if {@code expected} is null), else what is wrong
   */
  static String checkRpcAnswer(String text, int id, Object expected) {
    JsonObject frame = new JsonObject(text);
    boolean ok =
        "rpc".equals(frame.getValue("type"))
            && String.valueOf(id).equals(frame.getValue("id"))
            && Boolean.TRUE.equals(frame.getValue("success"))
            && Boolean.TRUE.equals(frame.getValue("done"))
            && frame.containsKey("result")
            && (expected == null || expected.equals(frame.getValue("result")));
    return ok ? null : "unexpected answer to call " + id + ": " + text;
  }

  /**
   * Checks a state frame in full.
   *
   * @return null if it is {@code {"type":"cf_agent_state","state":{"count":N}}}, else what is wrong
   */
  static String checkState(String text) {
    JsonObject frame = new JsonObject(text);
    boolean ok =
        "cf_agent_state".equals(frame.getValue("type"))
            && frame.getValue("state") instanceof JsonObject state
            && state.getValue("count") instanceof Number;
    return ok ? null : "unexpected state frame: " + text;
  }
}
