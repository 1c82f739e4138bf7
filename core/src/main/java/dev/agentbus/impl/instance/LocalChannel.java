package dev.agentbus.impl.instance;

import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.type.AgentType;
import dev.agentbus.spi.GatewayEvent;
import dev.agentbus.spi.InstanceChannel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The way from a gateway to one instance of this node: the agent type and the instance key are
 * resolved once, when the socket opens, and each event goes straight to the instance's context
 * ({@link InstanceDirectory#send}).
 */
public final class LocalChannel implements InstanceChannel {

  private final InstanceDirectory directory;
  private final AgentType type;
  private final InstanceKey key;
  private final JsonObject props;

  /**
   * @param directory the node's instances
   * @param type the agent type
   * @param name the instance name, already checked
   * @param props start-up properties, used if an event activates the instance
   */
  public LocalChannel(InstanceDirectory directory, AgentType type, String name, JsonObject props) {
    this.directory = directory;
    this.type = type;
    this.key = new InstanceKey(type.name(), name);
    this.props = props;
  }

  @Override
  public String agentName() {
    return key.agent();
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public Future<Void> deliver(GatewayEvent event) {
    return directory.send(type, key, event, props);
  }
}
