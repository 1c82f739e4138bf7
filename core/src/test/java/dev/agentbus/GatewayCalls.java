package dev.agentbus;

import dev.agentbus.spi.AgentHost;
import dev.agentbus.spi.GatewayEvent;
import dev.agentbus.spi.HttpExchange;
import dev.agentbus.spi.InstanceChannel;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Requests as the gateway hands them to an instance (through {@link AgentHost#channel}), for tests
 * of what an HTTP or WebSocket client is answered without a server.
 */
final class GatewayCalls {

  private GatewayCalls() {}

  /**
   * Sends an HTTP request and waits for the answer.
   *
   * @param agents the runtime
   * @param agent the agent's public name
   * @param name the instance name
   * @param method the HTTP method
   * @param body the request body
   * @return the answer (never a stream)
   */
  static AgentResponse http(
      AgentBus agents, String agent, String name, String method, String body) {
    Promise<AgentResponse> answer = Promise.promise();
    HttpExchange.Responder responder =
        new HttpExchange.Responder() {
          @Override
          public void respond(AgentResponse response) {
            answer.complete(response);
          }

          @Override
          public ResponseStream open(AgentResponse response) {
            throw new AssertionError("no stream expected");
          }
        };
    AgentRequest request =
        new AgentRequest(method, "", "", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
    AgentHost.of(agents)
        .channel(agent, name, new JsonObject())
        .deliver(new GatewayEvent.Http(new HttpExchange(request, responder)))
        .await();
    return answer.future().await();
  }

  /**
   * Opens a connection as a WebSocket would, and sends it one frame once it is connected.
   *
   * @param agents the runtime
   * @param agent the agent's public name
   * @param name the instance name
   * @param frame the frame
   * @return the connection, with what the instance sent to it so far
   */
  static RecordingConnection connectAndSend(
      AgentBus agents, String agent, String name, JsonObject frame) {
    InstanceChannel channel = AgentHost.of(agents).channel(agent, name, new JsonObject());
    RecordingConnection connection = new RecordingConnection("socket-" + frame.getValue("id"));
    ConnectionContext context = new ConnectionContext("", "", MultiMap.caseInsensitiveMultiMap());
    channel.deliver(new GatewayEvent.Connect(connection, context)).await();
    channel.deliver(new GatewayEvent.Frame(connection, frame.encode())).await();
    return connection;
  }
}
