package dev.agentbus.impl.warmup;

import dev.agentbus.impl.json.JsonValues;
import dev.agentbus.impl.storage.DatabaseTemplate;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs once per JVM, when the first AgentBus is created, the work whose first run is slow: loading
 * Jackson's modules and mapping a record both ways (with {@code jackson-module-kotlin} on the class
 * path, its first use loads Kotlin reflection, about a second), creating, writing, reading,
 * checkpointing and deleting a throwaway instance database in the data directory's {@code
 * .agentbus} folder (sqlite-jdbc's classes and statement paths, {@code java.time} formatting),
 * deploying one virtual-thread verticle that awaits a timer and answers one event-bus request, then
 * undeploying it, one HTTP request to a throwaway Vert.x server on a loopback port, and one
 * instance of a private agent in a throwaway runtime ({@code InstancePathWarmUp}). Without it the
 * first agent call after start paid all of that (about 1 s against 10–20 ms for the tenth; see
 * docs/design.md).
 *
 * <p>It runs only on a thread that may block (not on a Vert.x event loop or worker), and not at all
 * with the system property {@code agentbus.warmUp=false} (the cold-start benchmark's comparison). A
 * failure is logged and ignored: the warm-up saves time, nothing depends on it.
 */
public final class RuntimeWarmUp {

  private static final System.Logger LOG = System.getLogger(RuntimeWarmUp.class.getName());
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private RuntimeWarmUp() {}

  /** A record of the kinds of fields agent state holds. */
  record Sample(int count, String text, List<String> items, JsonObject extra) {}

  /**
   * Warms the runtime up, the first time it is called in this JVM.
   *
   * @param vertx the Vert.x instance the runtime runs on
   * @param dataDir the data directory (its {@code .agentbus} folder holds the throwaway file)
   */
  public static void run(Vertx vertx, Path dataDir) {
    if (!Boolean.parseBoolean(System.getProperty("agentbus.warmUp", "true"))
        || Context.isOnVertxThread()
        || !DONE.compareAndSet(false, true)) {
      return;
    }
    long start = System.nanoTime();
    try {
      warmUp(vertx, dataDir);
      LOG.log(Level.DEBUG, () -> "Warm-up took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Warm-up failed; the first calls will be slower: " + e, e);
    }
  }

  /** The warm-up itself, every time it is called (tests). */
  static void warmUp(Vertx vertx, Path dataDir) {
    json();
    sqlite(dataDir);
    verticle(vertx);
    http(vertx);
    try {
      InstancePathWarmUp.run(vertx, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("The instance path's warm-up failed: " + e, e);
    }
  }

  private static void json() {
    Sample sample = new Sample(1, "text", List.of("a", "b"), new JsonObject().put("k", 1));
    Object json = JsonValues.toJson(sample);
    String text = JsonValues.encode(json);
    JsonValues.fromJson(JsonValues.decode(text), JsonValues.javaType(Sample.class));
  }

  private static void sqlite(Path dataDir) {
    Path template = DatabaseTemplate.ensure(dataDir);
    Path file =
        template
            .resolveSibling("warm-up-" + ProcessHandle.current().pid() + ".db")
            .toAbsolutePath();
    InstanceDatabase.delete(file); // left by a process that ended during its warm-up
    try (InstanceDatabase db = InstanceDatabase.create(file, template, "warm-up", "warm-up")) {
      db.writeState("{\"count\":1}");
      db.query("SELECT value FROM _agentbus_meta WHERE key = ?", "name");
      db.readStored();
      db.checkpoint();
    } finally {
      InstanceDatabase.delete(file);
    }
  }

  private static void verticle(Vertx vertx) {
    String address = "agentbus.warm-up." + ProcessHandle.current().pid();
    VerticleBase awaiting =
        new VerticleBase() {
          @Override
          public Future<?> start() {
            vertx.timer(1).await();
            return vertx
                .eventBus()
                .consumer(address, message -> message.reply("pong"))
                .completion();
          }
        };
    String id =
        vertx
            .deployVerticle(
                awaiting, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD))
            .await();
    try {
      vertx.eventBus().request(address, "ping").await();
    } finally {
      vertx.undeploy(id).await();
    }
  }

  /**
   * One HTTP request from Vert.x's client to a throwaway Vert.x server on a loopback port: the
   * server side loads the HTTP codec and request classes a gateway's first request would.
   */
  private static void http(Vertx vertx) {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onComplete(
                            body ->
                                request
                                    .response()
                                    .putHeader("content-type", "application/json")
                                    .end("{\"ok\":true}")));
    int port = server.listen(0, "127.0.0.1").await().actualPort();
    HttpClientAgent client = vertx.createHttpClient();
    try {
      client
          .request(HttpMethod.POST, port, "127.0.0.1", "/warm-up")
          .compose(request -> request.send("{}"))
          .compose(HttpClientResponse::body)
          .await();
    } finally {
      client.close().await();
      server.close().await();
    }
  }
}
