package dev.agentbus.gateway.impl;

import dev.agentbus.AgentBus;
import dev.agentbus.gateway.AgentTarget;
import dev.agentbus.gateway.BeforeHook;
import dev.agentbus.gateway.HookRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The SockJS event-bus bridge: clients of {@code @vertx/eventbus-bridge-client.js} send frames to
 * instance addresses ({@code agents.<agent>.<name>}) and get the reply, and follow state broadcasts
 * ({@code agents-state.<agent>.<name>}). No other address is permitted, and the before-connect hook
 * judges each send and each subscription with the instance it addresses.
 */
final class EventBusBridge {

  private final AgentBus agents;
  private final Supplier<BeforeHook> hook;
  private final String instancePrefix;
  private final String statePrefix;

  EventBusBridge(AgentBus agents, Supplier<BeforeHook> hook) {
    this.agents = agents;
    this.hook = hook;
    // the bus addresses are <prefix>.<agent>.<name> and <prefix>-state.<agent>.<name>
    String address = agents.address("a", "b");
    this.instancePrefix = address.substring(0, address.length() - "a.b".length());
    String state = agents.stateAddress("a", "b");
    this.statePrefix = state.substring(0, state.length() - "a.b".length());
  }

  Router router(Vertx vertx) {
    SockJSBridgeOptions options =
        new SockJSBridgeOptions()
            .addInboundPermitted(
                new PermittedOptions()
                    .setAddressRegex(Pattern.quote(instancePrefix) + "[a-z0-9-]+\\..+"))
            .addOutboundPermitted(
                new PermittedOptions()
                    .setAddressRegex(Pattern.quote(statePrefix) + "[a-z0-9-]+\\..+"));
    return SockJSHandler.create(vertx).bridge(options, this::judge);
  }

  private void judge(BridgeEvent event) {
    BridgeEventType type = event.type();
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

  /** The instance an address names, or {@code null} if it names no registered agent's instance. */
  private AgentTarget target(String address) {
    if (address == null) {
      return null;
    }
    String rest;
    if (address.startsWith(instancePrefix)) {
      rest = address.substring(instancePrefix.length());
    } else if (address.startsWith(statePrefix)) {
      rest = address.substring(statePrefix.length());
    } else {
      return null;
    }
    int dot = rest.indexOf('.');
    if (dot <= 0 || dot == rest.length() - 1) {
      return null;
    }
    String agent = rest.substring(0, dot);
    String name = rest.substring(dot + 1);
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
