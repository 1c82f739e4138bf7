package dev.agentbus.impl.rpc;

import io.vertx.core.json.JsonObject;

/** The protocol's frames (docs/protocol.md#websocket-frames), as AgentBus sends them. */
public final class Frames {

  /** Frame type of RPC requests and answers. */
  public static final String RPC = "rpc";

  /** Frame type of state updates, both ways. */
  public static final String STATE = "cf_agent_state";

  /** Frame type of a refused state update. */
  public static final String STATE_ERROR = "cf_agent_state_error";

  /** AgentBus's own frame type asking an instance for its state (answered with {@link #STATE}). */
  public static final String STATE_GET = "agentbus_state_get";

  /**
   * AgentBus's own frame type telling an instance that some of its schedules or queued tasks are
   * due (sent by the node's scheduler, without a reply); it starts their runs and reports its next
   * times to the scheduler.
   */
  public static final String TASKS_DUE = "agentbus_tasks_due";

  private Frames() {}

  /**
   * @param id the call id
   * @param result the result (JSON), ignored if {@code withResult} is false
   * @param withResult whether the frame carries a {@code result}
   * @param done whether this is the final frame of the call
   * @return a success frame
   */
  public static JsonObject result(Object id, Object result, boolean withResult, boolean done) {
    JsonObject frame = new JsonObject().put("type", RPC).put("id", id).put("success", true);
    if (withResult) {
      frame.put("result", result);
    }
    return frame.put("done", done);
  }

  /**
   * @param id the call id
   * @param error the error text
   * @return an error frame
   */
  public static JsonObject error(Object id, String error) {
    return new JsonObject()
        .put("type", RPC)
        .put("id", id)
        .put("success", false)
        .put("error", error);
  }

  /**
   * @param state the state (JSON)
   * @return a state frame
   */
  public static JsonObject state(Object state) {
    return new JsonObject().put("type", STATE).put("state", state);
  }

  /**
   * @param error {@code Connection is readonly} or {@code State update rejected}
   * @return a state error frame
   */
  public static JsonObject stateError(String error) {
    return new JsonObject().put("type", STATE_ERROR).put("error", error);
  }
}
