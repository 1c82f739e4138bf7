package dev.agentbus.gateway.impl;

import dev.agentbus.Addresses;
import dev.agentbus.gateway.AgentTarget;
import dev.agentbus.gateway.BeforeHook;
import dev.agentbus.gateway.HookRequest;
import dev.agentbus.spi.AgentHost;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.function.Supplier;

/**
 * The SockJS event-bus bridge: clients of {@code @vertx/eventbus-bridge-client.js} send frames to
 * instance addresses ({@code agents.<agent>.<name>}) and get the reply, and follow state broadcasts
 * ({@code agents-state.<agent>.<name>}). No other address is permitted, and the before-connect hook
 * judges each send and each subscription with the instance it addresses. A client may not set the
 * runtime's own headers ({@code agentbus.*}), and one that does not read what it subscribed to is
 * closed as too slow once its socket's write queue is full.
 */
final class EventBusBridge {

  private final AgentHost agents;
  private final Addresses addresses;
  private final Supplier<BeforeHook> hook;

  EventBusBridge(AgentHost agents, Supplier<BeforeHook> hook) {
    this.agents = agents;
    this.addresses = agents.addresses();
    this.hook = hook;
  }

  Router router(Vertx vertx) {
    SockJSBridgeOptions options =
        new SockJSBridgeOptions()
            .addInboundPermitted(
                new PermittedOptions().setAddressRegex(addresses.instancePattern()))
            .addOutboundPermitted(new PermittedOptions().setAddressRegex(addresses.statePattern()));
    return SockJSHandler.create(vertx).bridge(options, this::judge);
  }

  private void judge(BridgeEvent event) {
    BridgeEventType type = event.type();
    if (type == BridgeEventType.RECEIVE && event.socket().writeQueueFull()) {
      // a client that does not read what it subscribed to would hold ever more memory
      event.socket().close(SocketConnection.TOO_SLOW, SocketConnection.TOO_SLOW_REASON);
      event.complete(false);
      return;
    }
    if ((type == BridgeEventType.SEND || type == BridgeEventType.PUBLISH)
        && setsRuntimeHeaders(event.getRawMessage())) {
      event.complete(false); // the runtime's own headers (stream address, state source)
      return;
    }
    if (type != BridgeEventType.SEND
        && type != BridgeEventType.PUBLISH
        && type != BridgeEventType.REGISTER) {
      event.complete(true);
      return;
    }
    String address =
        event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
    AgentTarget target = target(address);
    if (target == null) {
      event.complete(false);
      return;
    }
    BeforeHook current = hook.get();
    if (current == null) {
      event.complete(true);
      return;
    }
    SockJSSocket socket = event.socket();
    Future<?> verdict =
        current.check(
            target, new HookRequest("GET", socket.uri(), socket.headers(), socket.remoteAddress()));
    verdict.onComplete(
        (rejection, failure) -> event.complete(failure == null && rejection == null));
  }

  private static boolean setsRuntimeHeaders(JsonObject raw) {
    if (raw != null && raw.getValue("headers") instanceof JsonObject headers) {
      for (String name : headers.fieldNames()) {
        if (name.regionMatches(true, 0, "agentbus.", 0, "agentbus.".length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The instance an address names, or {@code null} if it names no registered agent's instance. */
  private AgentTarget target(String address) {
    if (address == null) {
      return null;
    }
    Addresses.Parsed parsed = addresses.parse(address);
    if (parsed == null) {
      return null;
    }
    String agent = parsed.agent();
    String name = parsed.name();
    if (!agents.hasAgent(agent)) {
      return null;
    }
    try {
      agents.checkName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return new AgentTarget(agent, name, "");
  }
}
