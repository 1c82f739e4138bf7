package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.testkit.AgentTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The node's own files: an unreadable schedule index is set aside and rebuilt from the instance
 * files (it is only an index), and a runtime that cannot start says so in one line and leaves the
 * data directory to the next one.
 */
class ScheduleIndexFaultsTest extends TaskTestBase {

  enum Damage {
    GARBAGE,
    TRUNCATED,
    FOREIGN_TABLE
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void anUnreadableScheduleIndexIsSetAsideAndRebuiltFromTheInstanceFiles(Damage damage)
      throws Exception {
    for (String name : List.of("north", "south")) {
      agents.get(TaskAgent.class, name).call("in", 60, "remind", "in a minute " + name).await();
    }
    agents.get(TaskAgent.class, "idle").call("count").await(); // a file without tasks
    AgentTestKit.hibernateIdle(agents).await();
    agents.close().await();
    Path index = dataDir.resolve(".agentbus").resolve("schedule-index.db");
    damage(index, damage);
    byte[] damaged = Files.readAllBytes(index);

    try (CapturedLog log = new CapturedLog()) {
      agents = AgentBus.create(vertx, options(), clock);
      agents.register(TaskAgent.class);
      List<String> reports = log.warnings("schedule index");
      assertEquals(1, reports.size(), "reported once: " + reports);
      assertTrue(
          reports.get(0).contains("rebuilt from 3 instance files")
              && reports.get(0).contains("2 instances with tasks"),
          reports.get(0));
    }
    clock.advance(Duration.ofMinutes(2));
    AgentTestKit.fireDueSchedules(agents).await();
    for (String name : List.of("north", "south")) {
      assertEquals(
          List.of("in a minute " + name),
          agents.get(TaskAgent.class, name).call(List.class, "runs", "remind").await(),
          "the schedule of a hibernated instance fired from the rebuilt index");
    }
    try (Stream<Path> files = Files.list(index.getParent())) {
      Path aside =
          files
              .filter(
                  f -> f.getFileName().toString().matches("schedule-index-unreadable-\\d+\\.db"))
              .findFirst()
              .orElseThrow();
      assertArrayEquals(
          damaged, Files.readAllBytes(aside), "the unreadable index is kept as it was");
    }
  }

  @Test
  void aRuntimeThatCannotStartSaysWhyInOneLineAndLeavesTheDirectoryToTheNext() throws Exception {
    agents.close().await();
    Path template = dataDir.resolve(".agentbus").resolve("instance-v1.db");
    Files.delete(template);
    Files.createDirectories(template.resolve("in-the-way")); // the template cannot be written
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> AgentBus.create(vertx, options(), clock));
    assertTrue(refused.getMessage().startsWith("Cannot start on " + dataDir), refused.getMessage());
    assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());
    Files.delete(template.resolve("in-the-way"));
    Files.delete(template);
    agents = AgentBus.create(vertx, options(), clock); // the directory was released
    agents.register(TaskAgent.class);
    agents.get(TaskAgent.class, "after").call("count").await();
  }

  private static void damage(Path index, Damage damage) throws Exception {
    switch (damage) {
      case GARBAGE -> {
        byte[] bytes = new byte[8192];
        new Random(7).nextBytes(bytes);
        Files.write(index, bytes);
      }
      case TRUNCATED -> {
        byte[] whole = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(whole, whole.length - 4096));
      }
      case FOREIGN_TABLE -> {
        Files.delete(index);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + index);
            Statement statement = connection.createStatement()) {
          statement.execute("PRAGMA journal_mode = WAL");
          statement.execute("CREATE TABLE due (id INTEGER PRIMARY KEY, what TEXT)");
        }
      }
    }
  }
}
