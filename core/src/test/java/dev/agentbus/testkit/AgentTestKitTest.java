package dev.agentbus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.Agent;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.Callable;
import dev.agentbus.ManualClock;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit as a user meets it: their own agent (state, SQL, a queued task, schedules, a
 * dependency handed in by a factory) tested through {@link AgentTestKit} alone.
 */
class AgentTestKitTest {

  /** What the agent tells the outside world; a test hands in a double that records. */
  public interface Notifier {
    void notify(String who, String text);
  }

  /** A user's agent: notes kept in SQL, a summary as state, reminders by schedule. */
  public static class NotesAgent extends Agent<NotesAgent.Summary> {

    public record Summary(int notes, int reminders) {}

    private final Notifier notifier;

    public NotesAgent(Notifier notifier) {
      this.notifier = notifier;
    }

    @Override
    public Summary initialState() {
      return new Summary(0, 0);
    }

    @Override
    public void onStart(JsonObject props) {
      sql("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
      sql("CREATE TABLE IF NOT EXISTS indexed (text TEXT NOT NULL)");
    }

    @Callable
    public long add(String text) {
      sql("INSERT INTO notes (text) VALUES (?)", text);
      setState(new Summary(state().notes() + 1, state().reminders()));
      queue("index", text);
      return sql("SELECT count(*) AS n FROM notes").get(0).getLong("n");
    }

    @Callable
    public List<String> notes() {
      return sql("SELECT text FROM notes ORDER BY id").stream()
          .map(row -> row.getString("text"))
          .toList();
    }

    @Callable
    public List<String> indexed() {
      return sql("SELECT text FROM indexed").stream().map(row -> row.getString("text")).toList();
    }

    @Callable
    public String remindDaily(String cron) {
      return schedule(cron, "remind", "daily").id();
    }

    @Callable
    public String remindIn(long seconds, String text) {
      return schedule(seconds, "remind", text).id();
    }

    void index(String text) {
      sql("INSERT INTO indexed (text) VALUES (?)", text.toLowerCase());
    }

    void remind(String text) {
      setState(new Summary(state().notes(), state().reminders() + 1));
      notifier.notify(name(), text + " at " + clock().instant());
    }
  }

  /** Monday 2030-01-07, 08:00 UTC. */
  static final Instant MONDAY_8 = Instant.parse("2030-01-07T08:00:00Z");

  final List<String> notified = new CopyOnWriteArrayList<>();
  final AtomicInteger agentsMade = new AtomicInteger();
  AgentTestKit kit;

  NotesAgent newAgent() {
    agentsMade.incrementAndGet();
    return new NotesAgent((who, text) -> notified.add(who + ": " + text));
  }

  @BeforeEach
  void start() {
    kit =
        AgentTestKit.create(new ManualClock(MONDAY_8, ZoneOffset.UTC))
            .register(NotesAgent.class, this::newAgent);
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  @Test
  void callsAnswerAndTheStateAndRowsAreKept() {
    assertEquals(1L, kit.call(Long.class, NotesAgent.class, "ann", "add", "Milk"));
    assertEquals(2L, kit.call(Long.class, NotesAgent.class, "ann", "add", "Bread"));
    assertEquals(1L, kit.call(Long.class, NotesAgent.class, "bob", "add", "Tea"));

    assertEquals(List.of("Milk", "Bread"), kit.call(List.class, NotesAgent.class, "ann", "notes"));
    assertEquals(
        new JsonObject().put("notes", 2).put("reminders", 0), kit.state(NotesAgent.class, "ann"));
    assertEquals(
        new JsonObject().put("notes", 1).put("reminders", 0), kit.state(NotesAgent.class, "bob"));
  }

  @Test
  void aHibernatedInstanceWakesFromItsFileOnTheNextCall() {
    kit.call(NotesAgent.class, "ann", "add", "Milk");
    kit.fireDueSchedules();
    assertEquals(
        List.of("milk"),
        kit.call(List.class, NotesAgent.class, "ann", "indexed"),
        "its queued task ran before it hibernates");
    assertEquals(1, agentsMade.get());

    kit.hibernateIdle();
    assertEquals(0, kit.agents().liveInstances());

    assertEquals(List.of("Milk"), kit.call(List.class, NotesAgent.class, "ann", "notes"));
    assertEquals(2, agentsMade.get(), "a new object, woken from the instance's file");
    assertEquals(
        new JsonObject().put("notes", 1).put("reminders", 0), kit.state(NotesAgent.class, "ann"));
  }

  @Test
  void aQueuedTaskHasRunOnceDueTasksAreFired() {
    kit.call(NotesAgent.class, "ann", "add", "Milk");
    kit.call(NotesAgent.class, "ann", "add", "BREAD");
    kit.fireDueSchedules();
    assertEquals(
        List.of("milk", "bread"), kit.call(List.class, NotesAgent.class, "ann", "indexed"));
  }

  @Test
  void advancingTheClockFiresACronScheduleThroughTheInjectedNotifier() {
    kit.call(NotesAgent.class, "ann", "remindDaily", "0 9 * * *");

    kit.advance(Duration.ofMinutes(59));
    assertEquals(List.of(), notified, "not before 09:00");

    kit.advance(Duration.ofMinutes(1));
    assertEquals(List.of("ann: daily at 2030-01-07T09:00:00Z"), notified);

    kit.advance(Duration.ofDays(1));
    assertEquals(
        List.of("ann: daily at 2030-01-07T09:00:00Z", "ann: daily at 2030-01-08T09:00:00Z"),
        notified);
    assertEquals(
        new JsonObject().put("notes", 0).put("reminders", 2), kit.state(NotesAgent.class, "ann"));
  }

  @Test
  void advancingTheClockWakesAHibernatedInstanceForItsDelayedSchedule() {
    kit.call(NotesAgent.class, "ann", "remindIn", 30, "stretch");
    kit.hibernateIdle();
    assertEquals(0, kit.agents().liveInstances());

    kit.advance(Duration.ofSeconds(29));
    assertEquals(List.of(), notified);
    assertEquals(0, kit.agents().liveInstances(), "nothing due, nothing woken");

    kit.advance(Duration.ofSeconds(1));
    assertEquals(List.of("ann: stretch at 2030-01-07T08:00:30Z"), notified);
  }

  @Test
  void aSecondKitReopensADataDirectoryTheTestChose(@TempDir Path dir) {
    AgentBusOptions options = new AgentBusOptions().setDataDir(dir.toString());
    ManualClock clock = new ManualClock(MONDAY_8, ZoneOffset.UTC);
    try (AgentTestKit first = AgentTestKit.create(options, clock)) {
      first.register(NotesAgent.class, this::newAgent);
      first.call(NotesAgent.class, "ann", "add", "Milk");
      first.call(NotesAgent.class, "ann", "remindIn", 60, "shop");
      assertEquals(dir, first.dataDir());
    }
    assertTrue(Files.isDirectory(dir), "a directory the test chose is kept");

    try (AgentTestKit second = AgentTestKit.create(options, clock)) {
      second.register(NotesAgent.class, this::newAgent);
      assertEquals(List.of("Milk"), second.call(List.class, NotesAgent.class, "ann", "notes"));
      second.advance(Duration.ofMinutes(1));
      assertEquals(List.of("ann: shop at 2030-01-07T08:01:00Z"), notified);
    }
  }

  @Test
  void closeDeletesTheTemporaryDataDirectory() throws IOException {
    AgentTestKit own = AgentTestKit.create().register(NotesAgent.class, this::newAgent);
    own.call(NotesAgent.class, "ann", "add", "Milk");
    Path dir = own.dataDir();
    try (Stream<Path> files = Files.walk(dir)) {
      assertTrue(files.anyMatch(p -> p.toString().endsWith(".db")), "instance files on disk");
    }
    own.close();
    assertFalse(Files.exists(dir), dir + " still exists");
  }

  /** Reaches for its instance in its constructor, which it cannot have yet. */
  public static class EagerAgent extends Agent<Void> {
    final String greeting = "hello " + name();

    @Callable
    public String greet() {
      return greeting;
    }
  }

  @Test
  void agentMethodsCalledFromAConstructorFailWithNotBound() {
    IllegalStateException direct = assertThrows(IllegalStateException.class, EagerAgent::new);
    assertEquals(
        "EagerAgent is not bound to an instance yet: AgentBus binds an agent after constructing"
            + " it (use onStart, not the constructor, for work that needs the instance)",
        direct.getMessage());

    kit.register(EagerAgent.class);
    IllegalStateException viaKit =
        assertThrows(IllegalStateException.class, () -> kit.call(EagerAgent.class, "e", "greet"));
    assertTrue(
        viaKit.getMessage().contains("is not bound to an instance yet"), viaKit.getMessage());
  }
}
