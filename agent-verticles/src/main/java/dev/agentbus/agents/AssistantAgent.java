package dev.agentbus.agents;

import dev.agentbus.chat.ChatAgent;
import dev.langchain4j.agent.tool.Tool;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo chat agent ({@code /agents/assistant-agent/{name}}): one conversation per instance,
 * answered by the node's chat model (the built-in stand-in unless the configuration names a real
 * one), with one server tool.
 */
public class AssistantAgent extends ChatAgent<Void> {

  @Override
  protected String systemPrompt() {
    return "You are the AgentBus demo assistant. Answer briefly. Use getTime when asked the time.";
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
}
