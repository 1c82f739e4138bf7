package dev.agentbus;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A fresh Vert.x, data directory and runtime for each test. */
@ExtendWith(VertxExtension.class)
abstract class AgentBusTestBase {

  @TempDir Path dataDir;
  Vertx vertx;
  AgentBus agents;

  @BeforeEach
  void startRuntime(Vertx vertx) {
    this.vertx = vertx;
    agents = AgentBus.create(vertx, options(), clock());
  }

  /** The options of the runtime under test; override to change them. */
  AgentBusOptions options() {
    return new AgentBusOptions().setDataDir(dataDir.toString());
  }

  /** The clock schedules follow; override to control it. */
  Clock clock() {
    return Clock.systemUTC();
  }

  @AfterEach
  void stopRuntime() {
    agents.close().await();
  }

  /**
   * Sends a raw frame to an instance over the event bus (which wakes it) and returns the answer.
   */
  io.vertx.core.Future<io.vertx.core.json.JsonObject> frame(
      String agent, String name, io.vertx.core.json.JsonObject frame) {
    return vertx
        .eventBus()
        .<io.vertx.core.json.JsonObject>request(agents.addresses().instance(agent, name), frame)
        .map(io.vertx.core.eventbus.Message::body);
  }

  /** A second runtime on the same data directory, as after a restart. */
  AgentBus restart() {
    agents.close().await();
    agents = AgentBus.create(vertx, options(), clock());
    return agents;
  }
}
