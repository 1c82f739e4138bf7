package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentCallException;
import dev.agentbus.ManualClock;
import dev.agentbus.agents.ConversationsAgent.Conversation;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConversationsAgentTest {

  static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

  final ManualClock clock = new ManualClock(START, ZoneOffset.UTC);
  final AgentTestKit kit = AgentTestKit.create(clock).register(ConversationsAgent.class);

  @AfterEach
  void stop() {
    kit.close();
  }

  Conversation call(String method, Object... args) {
    return kit.call(Conversation.class, ConversationsAgent.class, "u1", method, args);
  }

  /** The listed names, in the list's order. */
  List<String> names() {
    return ((JsonObject) kit.state(ConversationsAgent.class, "u1"))
        .getJsonArray("conversations").stream()
            .map(c -> ((JsonObject) c).getString("name"))
            .toList();
  }

  @Test
  void aNewUserHasNoConversations() {
    assertEquals(List.of(), names());
  }

  @Test
  void addedConversationsAreListedMostRecentFirstWithTheirTitleAndTime() {
    assertEquals(
        new Conversation("u1-a", "Hello", START.toEpochMilli()), call("add", "u1-a", "Hello"));
    clock.advance(Duration.ofSeconds(5));
    call("add", "u1-b", "What time is it?");
    assertEquals(List.of("u1-b", "u1-a"), names());

    JsonObject first =
        ((JsonObject) kit.state(ConversationsAgent.class, "u1"))
            .getJsonArray("conversations")
            .getJsonObject(0);
    assertEquals(
        new JsonObject()
            .put("name", "u1-b")
            .put("title", "What time is it?")
            .put("updatedAt", START.plusSeconds(5).toEpochMilli()),
        first);
  }

  @Test
  void touchMovesAConversationToTheTopAndKeepsItsTitle() {
    call("add", "u1-a", "First");
    call("add", "u1-b", "Second");
    clock.advance(Duration.ofMinutes(1));
    Conversation touched = call("touch", "u1-a");
    assertEquals(new Conversation("u1-a", "First", START.plusSeconds(60).toEpochMilli()), touched);
    assertEquals(List.of("u1-a", "u1-b"), names());
  }

  @Test
  void addingAListedConversationAgainMovesItUpWithTheNewTitleAndNoDuplicate() {
    call("add", "u1-a", "First");
    call("add", "u1-b", "Second");
    assertEquals("Again", call("add", "u1-a", "Again").title());
    assertEquals(List.of("u1-a", "u1-b"), names());
  }

  @Test
  void renameChangesTheTitleButNotTheOrder() {
    call("add", "u1-a", "First");
    call("add", "u1-b", "Second");
    assertEquals("Groceries", call("rename", "u1-a", "  Groceries ").title());
    assertEquals(List.of("u1-b", "u1-a"), names());
  }

  @Test
  void removeTakesAConversationOffAndSaysWhetherItWasListed() {
    call("add", "u1-a", "First");
    call("add", "u1-b", "Second");
    assertEquals(true, kit.call(ConversationsAgent.class, "u1", "remove", "u1-a"));
    assertEquals(false, kit.call(ConversationsAgent.class, "u1", "remove", "u1-a"));
    assertEquals(List.of("u1-b"), names());
  }

  @Test
  void titlesAreTidiedAndCutToTheirMaximumLength() {
    assertEquals("two words", call("add", "u1-a", "  two \n  words ").title());
    String title = call("add", "u1-b", "x".repeat(500)).title();
    assertEquals(ConversationsAgent.MAX_TITLE_LENGTH, title.length());
    assertTrue(title.endsWith("…"), title);
  }

  @Test
  void theListKeepsItsMostRecentConversationsUpToItsMaximum() {
    for (int i = 0; i <= ConversationsAgent.MAX_CONVERSATIONS; i++) {
      call("add", "u1-" + i, "n" + i);
    }
    List<String> names = names();
    assertEquals(ConversationsAgent.MAX_CONVERSATIONS, names.size());
    assertEquals("u1-" + ConversationsAgent.MAX_CONVERSATIONS, names.getFirst());
    assertFalse(names.contains("u1-0"));
  }

  @Test
  void unknownConversationsAndBadNamesAreRefusedWithAReason() {
    AgentCallException unknown =
        assertThrows(AgentCallException.class, () -> call("touch", "u1-missing"));
    assertTrue(
        unknown.getMessage().contains("No conversation named u1-missing"), unknown.getMessage());
    assertThrows(AgentCallException.class, () -> call("rename", "u1-missing", "x"));
    AgentCallException bad = assertThrows(AgentCallException.class, () -> call("add", "a/b", "x"));
    assertTrue(bad.getMessage().contains("name"), bad.getMessage());
    assertEquals(List.of(), names());
  }

  @Test
  void aClientCannotReplaceTheListAsState() {
    call("add", "u1-a", "First");
    JsonObject forged =
        new JsonObject().put("conversations", List.of(new JsonObject().put("name", "x")));
    AgentCallException rejected =
        assertThrows(
            AgentCallException.class,
            () -> kit.ref(ConversationsAgent.class, "u1").setState(forged, "client-1").await());
    assertTrue(rejected.getMessage().contains("rejected"), rejected.getMessage());
    assertEquals(List.of("u1-a"), names());
  }
}
