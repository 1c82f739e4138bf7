package dev.agentbus.chat.impl;

import dev.agentbus.chat.NodeChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;

/**
 * The built-in deterministic stand-in model: what a node answers chats with when no model is
 * configured, and what the project's own chat tests talk to. It needs no network and no key; its
 * replies follow fixed rules ({@link StandInReply}) and stream like a real model's, through the
 * same LangChain4j callbacks, on a virtual thread of their own ({@link StandInStream}), as a real
 * model's are read from its HTTP stream on one.
 */
final class StandInModel implements NodeChatModel {

  private static final System.Logger LOG = System.getLogger(StandInModel.class.getName());

  /** The model name in its responses. */
  static final String MODEL_NAME = "agentbus-standin";

  StandInModel(Vertx vertx) {
    // once per node, however many models are built on it
    if (vertx.sharedData().getLocalMap("agentbus.chat").putIfAbsent("standInAnnounced", true)
        == null) {
      LOG.log(
          Level.WARNING,
          "No chat model is configured: chats are answered by the "
              + STAND_IN_NAME
              + ", which echoes what it is sent. Set the chat model's provider and model to use a"
              + " real one (docs/chat.md).");
    }
  }

  @Override
  public String name() {
    return STAND_IN_NAME;
  }

  @Override
  public boolean isStandIn() {
    return true;
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    StandInStream.start(StandInReply.to(request.messages()), handler);
  }

  @Override
  public String toString() {
    return STAND_IN_NAME;
  }
}
