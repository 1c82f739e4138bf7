package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CounterAgentTest {

  final AgentTestKit kit = AgentTestKit.create().register(CounterAgent.class);

  @AfterEach
  void stop() {
    kit.close();
  }

  @Test
  void incrementReturnsTheNewCountAndKeepsItInState() {
    assertEquals(2, kit.call(CounterAgent.class, "room-1", "increment", 2));
    assertEquals(5, kit.call(CounterAgent.class, "room-1", "increment", 3));
    assertEquals(new JsonObject().put("count", 5), kit.state(CounterAgent.class, "room-1"));
  }

  @Test
  void echoReturnsItsArgument() {
    JsonObject value = new JsonObject().put("a", List.of(1, 2));
    assertEquals(value, kit.call(CounterAgent.class, "e", "echo", value));
  }

  @Test
  void addRowCountsTheRowsOfItsOwnTable() {
    assertEquals(1L, kit.call(Long.class, CounterAgent.class, "a", "addRow", "x"));
    assertEquals(2L, kit.call(Long.class, CounterAgent.class, "a", "addRow", "y"));
    assertEquals(1L, kit.call(Long.class, CounterAgent.class, "b", "addRow", "z"));
  }

  @Test
  void countToStreamsChunksThenTheTotal() {
    List<Object> chunks = new ArrayList<>();
    assertEquals(4, kit.ref(CounterAgent.class, "s").callStream("countTo", chunks::add, 4).await());
    assertEquals(List.of(0, 1, 2, 3), chunks);
  }
}
