package dev.agentbus.agents;

import dev.agentbus.chat.ChatAgent;
import dev.agentbus.chat.ChatReply;
import dev.agentbus.chat.ChatTurn;
import dev.agentbus.chat.NeedsApproval;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo chat agent ({@code /agents/assistant-agent/{name}}): one conversation per instance,
 * answered by the node's chat model (the built-in stand-in unless the configuration names a real
 * one), with two server tools, {@code getTime} and {@code deleteFile} (which asks the user first).
 * Two slash commands show tools without a real model: {@code /locate} calls the page's tool {@code
 * getLocation}, {@code /delete <name>} calls {@code deleteFile}.
 */
public class AssistantAgent extends ChatAgent<Void> {

  @Override
  protected String systemPrompt() {
    return "You are the AgentBus demo assistant. Answer briefly. Use getTime when asked the time.";
  }

  @Override
  protected ChatReply onChatMessage(ChatTurn turn) {
    return streamFrom(new DemoCommands(chatModel()), turn.messages());
  }

  /**
   * A server tool the model may call.
   *
   * @return {@code {"time": "<ISO-8601 UTC>"}}
   */
  @Tool("The current date and time, in UTC, as ISO-8601")
  public JsonObject getTime() {
    return new JsonObject().put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /**
   * A server tool that runs only once the user approved the call. The demo deletes nothing: it
   * records the name in the instance's database.
   *
   * @param name the file to delete
   * @return {@code {"deleted": name}}
   */
  @Tool("Deletes one of the user's files; asks the user first")
  @NeedsApproval
  public JsonObject deleteFile(@P("the file's name") String name) {
    sql("CREATE TABLE IF NOT EXISTS deleted_files (name TEXT NOT NULL, at TEXT NOT NULL)");
    sql("INSERT INTO deleted_files (name, at) VALUES (?, ?)", name, Instant.now().toString());
    return new JsonObject().put("deleted", name);
  }
}
