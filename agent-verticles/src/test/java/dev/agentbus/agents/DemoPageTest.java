package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.chat.ChatModelOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's router: the demo page at {@code /}, what it is told of the chat model, the
 * agents under their prefix.
 */
@ExtendWith(VertxExtension.class)
class DemoPageTest {

  @TempDir Path dataDir;
  HttpClient http = HttpClient.newHttpClient();
  LiveGateway live;
  String base;

  @BeforeEach
  void start(Vertx vertx) {
    live =
        LiveGateway.start(
            vertx, dataDir, DemoPage.router(vertx, new ChatModelOptions()), Main.DEMO_AGENTS);
    base = "http://127.0.0.1:" + live.port;
  }

  @AfterEach
  void stop() {
    live.close();
    http.close();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheDemoPageAtTheRootAndTheAgentsBesideIt() throws Exception {
    assertTrue(DemoPage.isBuilt(), "the demo page was not built (client-js/node_modules missing?)");
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("<div id=\"root\">"), page.body());

    HttpResponse<String> agent = get("/agents/counter-agent/demo-page-test");
    assertEquals(200, agent.statusCode());
    assertEquals("{\"count\":0}", agent.body());
    assertEquals(404, get("/no-such-file.js").statusCode());
  }

  @Test
  void tellsThePageWhichChatModelAnswersWithoutItsAddressOrKey() throws Exception {
    HttpResponse<String> standIn = get(DemoPage.CHAT_MODEL_PATH);
    assertEquals(200, standIn.statusCode());
    assertTrue(
        standIn.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    assertEquals(
        new JsonObject().put("provider", "standin").putNull("model").put("standIn", true),
        new JsonObject(standIn.body()));

    ChatModelOptions openai =
        new ChatModelOptions(
            new JsonObject()
                .put("provider", "openai")
                .put("model", "gpt-4o-mini")
                .put("baseUrl", "http://10.0.0.1:9000/v1")
                .put("apiKeyEnv", "SECRET_KEY_VARIABLE"));
    JsonObject told = DemoPage.chatModel(openai);
    assertEquals(
        new JsonObject()
            .put("provider", "openai")
            .put("model", "gpt-4o-mini")
            .put("standIn", false),
        told);
  }

  @Test
  void thePageIsRevalidatedAndOnlyContentHashedAssetsAreKeptForGood() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals("no-cache", page.headers().firstValue("cache-control").orElse(""));
    java.util.regex.Matcher script =
        java.util.regex.Pattern.compile("src=\"[./]*(assets/[^\"]+\\.js)\"").matcher(page.body());
    assertTrue(script.find(), page.body());
    HttpResponse<String> asset = get("/" + script.group(1));
    assertEquals(200, asset.statusCode());
    String caching = asset.headers().firstValue("cache-control").orElse("");
    assertTrue(caching.contains("immutable") && caching.contains("max-age=31536000"), caching);
    HttpResponse<String> icon = get("/favicon.svg");
    assertEquals(200, icon.statusCode());
    assertTrue(icon.headers().firstValue("content-type").orElse("").startsWith("image/svg"));
    assertEquals("no-cache", icon.headers().firstValue("cache-control").orElse(""));
  }
}
