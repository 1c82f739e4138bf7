package dev.agentbus.impl.instance;

import dev.agentbus.Addresses;
import dev.agentbus.impl.type.AgentType;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * An outbound event-bus interceptor that activates (or wakes) an instance before a message sent
 * straight to its address is delivered, so that any verticle can send to {@code
 * agents.<agent>.<name>} without going through {@code AgentBus}. Messages to other addresses, to
 * unknown agents and to live instances pass through at the cost of a prefix check and a map lookup.
 */
public final class WakeOnMessage implements Handler<DeliveryContext<Object>> {

  private final InstanceDirectory directory;
  private final Function<String, AgentType> types;
  private final Function<String, String> names;
  private final Addresses addresses;

  /**
   * @param directory the node's instances
   * @param types finds an agent type by public name, or returns {@code null}
   * @param names returns an instance name if it is acceptable, else {@code null}
   * @param addresses the instances' addresses
   */
  public WakeOnMessage(
      InstanceDirectory directory,
      Function<String, AgentType> types,
      Function<String, String> names,
      Addresses addresses) {
    this.directory = directory;
    this.types = types;
    this.names = names;
    this.addresses = addresses;
  }

  @Override
  public void handle(DeliveryContext<Object> delivery) {
    Addresses.Parsed target = addresses.parseInstance(delivery.message().address());
    AgentType type = target == null ? null : types.apply(target.agent());
    if (type == null || directory.isLive(type.name(), target.name())) {
      delivery.next(); // the common case: a message to a live instance, or not to an instance
      return;
    }
    String name = names.apply(target.name());
    if (name == null) {
      delivery.next();
      return;
    }
    directory
        .live(type, name, new JsonObject())
        .onComplete(
            (slot, failure) -> {
              Message<Object> message = delivery.message();
              if (failure instanceof InstanceUnavailableException
                  && message.replyAddress() != null) {
                message.fail(503, failure.getMessage()); // its file cannot be read: say so
              } else {
                // If the activation failed otherwise, delivery finds no consumer and the sender
                // is told so.
                delivery.next();
              }
            });
  }
}
