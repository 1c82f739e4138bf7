package dev.agentbus.chat;

import dev.agentbus.Callable;
import dev.agentbus.Connection;
import io.vertx.core.json.JsonObject;

/**
 * A chat agent with the default reply (the node's model: the stand-in in tests), except for a user
 * message {@code fail} (the reply fails) and {@code none} (no reply); it echoes other messages.
 */
public class EchoChatAgent extends ChatAgent<Void> {

  @Override
  protected ChatReply onChatMessage(ChatTurn turn) {
    JsonObject last = turn.messages().get(turn.messages().size() - 1);
    String text = String.valueOf(last.getJsonArray("parts").getJsonObject(0).getValue("text"));
    return switch (text) {
      case "fail" ->
          sink -> {
            sink.write(new JsonObject().put("type", "start").put("messageId", "m-fail"));
            sink.fail(new IllegalStateException("The model server answered 503"));
          };
      case "none" -> null;
      default -> super.onChatMessage(turn);
    };
  }

  @Override
  protected void onOtherMessage(Connection connection, Object message) {
    connection.send("other:" + message);
  }

  /** {@return how many chunks of the reply streaming now are on disk} */
  @Callable
  public long storedChunks() {
    return sql("SELECT count(*) AS n FROM _agentbus_chat_chunks").get(0).getLong("n");
  }
}
