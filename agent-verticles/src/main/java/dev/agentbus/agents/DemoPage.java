package dev.agentbus.agents;

import dev.agentbus.chat.ChatModelOptions;
import dev.agentbus.chat.ChatProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The demo page: the React app of {@code client-js/demo}, which the Maven build compiles into the
 * application's {@code webroot/} (when {@code client-js/node_modules} exists: {@code ./agentbus}
 * installs it). It shows a {@code CounterAgent} instance shared live between tabs, and a chat with
 * {@code AssistantAgent}, one instance per conversation, listed per user by {@code
 * ConversationsAgent}. {@code GET /demo/chat-model} tells the page which model answers.
 */
public final class DemoPage {

  /** Where the built page sits on the classpath. */
  public static final String WEBROOT = "webroot";

  private DemoPage() {}

  /** Where the page reads which chat model answers. */
  public static final String CHAT_MODEL_PATH = "/demo/chat-model";

  /**
   * A router that serves the demo page at {@code /}, as its last route: the gateway's routes, added
   * to it by {@code gateway.listen(router)}, come first.
   *
   * @param vertx the Vert.x instance
   * @param chat the node's chat model, which {@value #CHAT_MODEL_PATH} describes to the page
   * @return the router
   */
  public static Router router(Vertx vertx, ChatModelOptions chat) {
    Router router = Router.router(vertx);
    JsonObject model = chatModel(chat);
    router
        .get(CHAT_MODEL_PATH)
        .handler(
            context ->
                context
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-cache")
                    .end(model.encode()));
    // Vite names what it builds into assets/ by content hash: a new build is a new name, so a
    // browser may keep those for good. Anything else (index.html, the favicon) keeps its name
    // across deploys and must be revalidated, or a browser would show an old page after one.
    router
        .route("/assets/*")
        // the handler serves paths below its route's prefix: its root is the assets folder
        .handler(StaticHandler.create(WEBROOT + "/assets").setMaxAgeSeconds(IMMUTABLE_SECONDS));
    router
        .route()
        .last()
        .handler(
            context -> {
              context.addHeadersEndHandler(
                  ignored -> context.response().headers().set("Cache-Control", "no-cache"));
              context.next();
            })
        .handler(StaticHandler.create(WEBROOT).setCachingEnabled(false));
    return router;
  }

  /**
   * {@return what the page is told of the chat model: {@code {"provider": "standin", "model": null,
   * "standIn": true}} for the built-in stand-in, e.g. {@code {"provider": "openai", "model":
   * "gpt-4o-mini", "standIn": false}} for a real one} Neither the base URL nor the key is told.
   *
   * @param chat the node's chat model
   */
  static JsonObject chatModel(ChatModelOptions chat) {
    boolean standIn = chat.getProvider() == ChatProvider.STANDIN;
    return new JsonObject()
        .put("provider", chat.getProvider().id())
        .put("model", standIn ? null : chat.getModel())
        .put("standIn", standIn);
  }

  /** How long a browser may keep a content-hashed asset: a year. */
  private static final long IMMUTABLE_SECONDS = 365L * 24 * 3600;

  /**
   * Whether the page was built into the application.
   *
   * @return true if {@code webroot/index.html} is on the classpath
   */
  public static boolean isBuilt() {
    return DemoPage.class.getClassLoader().getResource(WEBROOT + "/index.html") != null;
  }
}
