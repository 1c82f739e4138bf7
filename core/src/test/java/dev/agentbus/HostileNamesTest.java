package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostileNamesTest extends AgentBusTestBase {

  public record Owner(String name) {}

  public static class NamedAgent extends Agent<Owner> {
    @Override
    public Owner initialState() {
      return new Owner(null);
    }

    @Callable
    public String claim() {
      setState(new Owner(name()));
      return state().name();
    }
  }

  static final List<String> HOSTILE =
      List.of(
          "../../etc/passwd",
          "..",
          ".",
          "/",
          "a/b\\c",
          "room.1.state",
          " ",
          "nul\u0000byte",
          "日本語の部屋",
          "emoji 🚀",
          "%2e%2e%2f",
          "x".repeat(2048),
          "é".repeat(1000));

  @BeforeEach
  void register() {
    agents.register(NamedAgent.class);
  }

  @Test
  void everyHostileNameGetsItsOwnInstanceAndFileInsideTheDataDirectory() throws IOException {
    for (String name : HOSTILE) {
      assertEquals(name, agents.get(NamedAgent.class, name).call("claim").await());
    }
    AgentTestKit.hibernateIdle(agents).await();
    for (String name : HOSTILE) {
      assertEquals(
          name,
          ((io.vertx.core.json.JsonObject) agents.get(NamedAgent.class, name).state().await())
              .getString("name"));
    }
    Path root = dataDir.toRealPath();
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> databases = files.filter(p -> p.toString().endsWith(".db")).toList();
      // one per name, plus the template
      assertEquals(HOSTILE.size() + 1, databases.size());
      for (Path db : databases) {
        assertTrue(db.toRealPath().startsWith(root));
        assertTrue(
            db.getFileName().toString().matches("[0-9a-f]{64}\\.db|instance-v1\\.db"),
            db.toString());
      }
    }
  }

  @Test
  void tooLongEmptyAndInvalidNamesAreRefusedClearly() {
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> agents.get(NamedAgent.class, "y".repeat(10 * 1024)));
    assertEquals(
        "Instance name is 10240 bytes long; the limit is 4096 (maxNameBytes)",
        tooLong.getMessage());
    assertEquals(
        "Instance name must not be empty",
        assertThrows(IllegalArgumentException.class, () -> agents.get(NamedAgent.class, ""))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> agents.get(NamedAgent.class, "a\uD800"))
            .getMessage()
            .contains("lone surrogate"));
    assertThrows(IllegalArgumentException.class, () -> agents.get("named-agent", "z".repeat(5000)));
  }
}
