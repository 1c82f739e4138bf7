package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentRef;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CounterAgentTest {

  @TempDir Path dataDir;
  AgentBus agents;

  @BeforeEach
  void start(Vertx vertx) {
    agents = AgentBus.create(vertx, new AgentBusOptions().setDataDir(dataDir.toString()));
    agents.register(CounterAgent.class);
  }

  @AfterEach
  void stop() {
    agents.close().await();
  }

  @Test
  void incrementReturnsTheNewCountAndKeepsItInState() {
    AgentRef room = agents.get(CounterAgent.class, "room-1");
    assertEquals(2, room.call("increment", 2).await());
    assertEquals(5, room.call("increment", 3).await());
    assertEquals(new JsonObject().put("count", 5), room.state().await());
  }

  @Test
  void echoReturnsItsArgument() {
    JsonObject value = new JsonObject().put("a", List.of(1, 2));
    assertEquals(value, agents.get(CounterAgent.class, "e").call("echo", value).await());
  }

  @Test
  void addRowCountsTheRowsOfItsOwnTable() {
    AgentRef a = agents.get(CounterAgent.class, "a");
    AgentRef b = agents.get(CounterAgent.class, "b");
    assertEquals(1L, ((Number) a.call("addRow", "x").await()).longValue());
    assertEquals(2L, ((Number) a.call("addRow", "y").await()).longValue());
    assertEquals(1L, ((Number) b.call("addRow", "z").await()).longValue());
  }

  @Test
  void countToStreamsChunksThenTheTotal() {
    List<Object> chunks = new ArrayList<>();
    assertEquals(
        4, agents.get(CounterAgent.class, "s").callStream("countTo", chunks::add, 4).await());
    assertEquals(List.of(0, 1, 2, 3), chunks);
  }
}
