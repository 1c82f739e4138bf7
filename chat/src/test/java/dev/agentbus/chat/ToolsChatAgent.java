package dev.agentbus.chat;

import dev.agentbus.Callable;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A chat agent on the {@link ScriptedToolModel}, with a server tool that needs approval. */
public class ToolsChatAgent extends ChatAgent<Void> {

  private final JsonArray deleted = new JsonArray();

  @Override
  protected ChatReply onChatMessage(ChatTurn turn) {
    return streamFrom(new ScriptedToolModel(), turn.messages());
  }

  /**
   * A server tool the user must approve.
   *
   * @param path what to delete
   * @return what was deleted
   */
  @Tool("Deletes a file")
  @NeedsApproval
  public JsonObject deleteFile(@P("the file's path") String path) {
    deleted.add(path);
    return new JsonObject().put("deleted", path);
  }

  /** {@return the paths deleteFile was called with} */
  @Callable
  public JsonArray deleted() {
    return deleted;
  }
}
