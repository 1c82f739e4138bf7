package dev.agentbus.chat;

import io.vertx.core.json.JsonObject;

/** A chat agent whose reply starts, then never sends anything more; it gives up after 300 ms. */
public class StalledChatAgent extends ChatAgent<Void> {

  static volatile boolean cancelled;

  @Override
  protected ChatReply onChatMessage(ChatTurn turn) {
    return sink -> {
      sink.onCancel(() -> cancelled = true);
      sink.write(new JsonObject().put("type", "start").put("messageId", "m1"));
    };
  }

  @Override
  protected long replyQuietTimeoutMs() {
    return 300;
  }
}
