package dev.agentbus.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@link NodeChatModel#create} builds from options: the stand-in by default, announced once
 * per node; a real provider only with what it needs (a model name, a key where one is required),
 * and a refusal naming the key otherwise.
 */
@ExtendWith(VertxExtension.class)
class ModelConfigurationTest {

  private static final Map<String, String> ENV = Map.of("KEY", "secret");

  private static NodeChatModel create(Vertx vertx, JsonObject options) {
    return NodeChatModel.create(vertx, new ChatModelOptions(options), ENV::get);
  }

  private static String refusal(Vertx vertx, JsonObject options) {
    return assertThrows(IllegalArgumentException.class, () -> create(vertx, options)).getMessage();
  }

  @Test
  void theStandInIsAnnouncedOnceWithAWarningPerNode(Vertx vertx) {
    List<LogRecord> records;
    Vertx otherNode = Vertx.vertx();
    try (LogCapture log = LogCapture.of("dev.agentbus.chat.impl.StandInModel")) {
      create(vertx, new JsonObject());
      create(vertx, new JsonObject());
      create(otherNode, new JsonObject());
      records = log.records();
    } finally {
      otherNode.close().await();
    }

    assertEquals(2, records.size());
    assertEquals(Level.WARNING, records.getFirst().getLevel());
    assertTrue(
        records.getFirst().getMessage().contains("AgentBus stand-in model (no model configured)"));
  }

  @Test
  void aRealProviderIsNamedByProviderModelAndBaseUrl(Vertx vertx) {
    NodeChatModel ollama =
        create(
            vertx,
            new JsonObject()
                .put("provider", "openai")
                .put("baseUrl", "http://localhost:11434/v1/")
                .put("model", "llama3.2"));
    NodeChatModel openAi =
        create(
            vertx,
            new JsonObject()
                .put("provider", "openai")
                .put("model", "gpt-4o-mini")
                .put("apiKeyEnv", "KEY"));
    NodeChatModel anthropic =
        create(
            vertx,
            new JsonObject()
                .put("provider", "anthropic")
                .put("model", "claude-sonnet-4-5")
                .put("apiKeyEnv", "KEY"));

    assertEquals("openai model llama3.2 at http://localhost:11434/v1", ollama.name());
    assertEquals("openai model gpt-4o-mini at https://api.openai.com/v1", openAi.name());
    assertEquals(
        "anthropic model claude-sonnet-4-5 at https://api.anthropic.com/v1", anthropic.name());
    assertFalse(ollama.isStandIn());
  }

  @Test
  void aRealProviderNeedsAModelName(Vertx vertx) {
    assertEquals(
        "model is required for provider openai: the model's name as the server knows it",
        refusal(
            vertx,
            new JsonObject().put("provider", "openai").put("baseUrl", "http://localhost:8000/v1")));
  }

  @Test
  void anthropicAndOpenAisOwnServerNeedAKey(Vertx vertx) {
    assertEquals(
        "apiKeyEnv is required for provider anthropic: the name of the environment variable that"
            + " holds the API key",
        refusal(vertx, new JsonObject().put("provider", "anthropic").put("model", "claude")));
    assertEquals(
        "apiKeyEnv is required for provider openai at https://api.openai.com/v1: the name of the"
            + " environment variable that holds the API key",
        refusal(vertx, new JsonObject().put("provider", "openai").put("model", "gpt-4o-mini")));
  }

  @Test
  void aKeyVariableThatIsNotSetIsRefusedByName(Vertx vertx) {
    assertEquals(
        "apiKeyEnv names the environment variable NOT_SET, which is not set or empty",
        refusal(
            vertx,
            new JsonObject()
                .put("provider", "anthropic")
                .put("model", "claude")
                .put("apiKeyEnv", "NOT_SET")));
  }

  @Test
  void theStandInTakesNoModelSettings(Vertx vertx) {
    assertEquals(
        "provider is standin (the default), which takes no baseUrl, model, apiKeyEnv, temperature"
            + " or maxTokens: set provider to openai or anthropic",
        refusal(vertx, new JsonObject().put("model", "gpt-4o-mini")));
  }
}
