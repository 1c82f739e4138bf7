package dev.agentbus.agents;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The demo page: the React app of {@code client-js/demo}, which the Maven build compiles into the
 * application's {@code webroot/} (when {@code client-js/node_modules} exists: {@code ./agentbus}
 * installs it). It shows a {@code CounterAgent} instance shared live between tabs.
 */
public final class DemoPage {

  /** Where the built page sits on the classpath. */
  public static final String WEBROOT = "webroot";

  private DemoPage() {}

  /**
   * A router that serves the demo page at {@code /}, as its last route: the gateway's routes, added
   * to it by {@code gateway.listen(router)}, come first.
   *
   * @param vertx the Vert.x instance
   * @return the router
   */
  public static Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().last().handler(StaticHandler.create(WEBROOT));
    return router;
  }

  /**
   * Whether the page was built into the application.
   *
   * @return true if {@code webroot/index.html} is on the classpath
   */
  public static boolean isBuilt() {
    return DemoPage.class.getClassLoader().getResource(WEBROOT + "/index.html") != null;
  }
}
