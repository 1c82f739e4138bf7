package dev.agentbus.chat.impl;

import dev.agentbus.chat.ChatModelOptions;
import dev.agentbus.chat.NodeChatModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/** The chat model of each node (Vert.x instance), built on first use and shared by its agents. */
public final class NodeChatModels {

  private static final Map<Vertx, NodeChatModel> MODELS = new WeakHashMap<>();

  private NodeChatModels() {}

  /**
   * {@return the node's model, built from {@code config} the first time}
   *
   * @param vertx the node
   * @param config the {@link ChatModelOptions} as JSON, or {@code null} for the stand-in
   */
  public static synchronized NodeChatModel of(Vertx vertx, @Nullable JsonObject config) {
    return MODELS.computeIfAbsent(
        vertx,
        v ->
            NodeChatModel.create(
                v, config == null ? new ChatModelOptions() : new ChatModelOptions(config)));
  }
}
