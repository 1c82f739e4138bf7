package dev.agentbus.chat;

import dev.langchain4j.agent.tool.Tool;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A chat agent on the node's model (the stand-in) with the server tool the stand-in calls. */
public class TimeChatAgent extends ChatAgent<Void> {

  /**
   * The stand-in's tool.
   *
   * @return {@code {"time": ...}}
   */
  @Tool("The current time in UTC")
  public JsonObject getTime() {
    return new JsonObject().put("time", Instant.now().toString());
  }
}
