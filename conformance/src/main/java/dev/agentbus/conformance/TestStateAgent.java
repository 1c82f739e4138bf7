package dev.agentbus.conformance;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.StateSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The state agent of the Agents SDK's browser suite ({@code test-state-agent}): state only, no
 * callable methods. It records every state change with its source, and answers HTTP by the last
 * segment of the path: {@code state}, {@code state-updates}, {@code echo}, {@code connections};
 * anything else is {@code 404 Not found}.
 */
public class TestStateAgent extends Agent<JsonObject> {

  /** The state changes since the instance started, as {@code {state, source}}, in memory only. */
  private final List<JsonObject> updates = new ArrayList<>();

  @Override
  public JsonObject initialState() {
    return new JsonObject().put("count", 0).put("items", new JsonArray()).putNull("lastUpdated");
  }

  @Override
  public void onStateUpdate(JsonObject state, StateSource source) {
    updates.add(
        new JsonObject()
            .put("state", state.copy())
            .put("source", source.isServer() ? "server" : source.connectionId()));
  }

  @Override
  public AgentResponse onRequest(AgentRequest request) {
    return switch (request.lastSegment()) {
      case "state" -> AgentResponse.json(200, new JsonObject().put("state", state()));
      case "state-updates" ->
          AgentResponse.json(200, new JsonObject().put("updates", new JsonArray(updates)));
      case "echo" ->
          AgentResponse.json(
              200,
              new JsonObject()
                  .put("method", request.method())
                  .put("body", request.bodyAsString())
                  .put("path", "echo"));
      case "connections" ->
          AgentResponse.json(200, new JsonObject().put("count", getConnections(null).size()));
      default -> AgentResponse.notFound();
    };
  }
}
