package dev.agentbus.examples.groovy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentbus.AgentCallException;
import dev.agentbus.AgentRef;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Groovy agent through the JVM handle: a record as state, SQL rows, errors. */
class PollAgentTest {

  final AgentTestKit kit = AgentTestKit.create().register(PollAgent.class);

  @AfterEach
  void stop() {
    kit.close();
  }

  private static Object tally(Object... optionsAndVotes) {
    JsonObject votes = new JsonObject();
    for (int i = 0; i < optionsAndVotes.length; i += 2) {
      votes.put((String) optionsAndVotes[i], optionsAndVotes[i + 1]);
    }
    return votes;
  }

  @Test
  void votesAreTalliedAndAVoterMayChangeTheirMind() {
    AgentRef lunch = kit.ref(PollAgent.class, "lunch");
    lunch.call("open", "Lunch?", List.of("pizza", "sushi", "pizza")).await();
    assertEquals(tally("pizza", 1, "sushi", 0), lunch.call("vote", "ann", "pizza").await());
    assertEquals(tally("pizza", 2, "sushi", 0), lunch.call("vote", "bob", "pizza").await());
    assertEquals(tally("pizza", 1, "sushi", 1), lunch.call("vote", "bob", "sushi").await());
    assertEquals(List.of("ann"), lunch.call(List.class, "voters", "pizza").await());
  }

  @Test
  void theStateIsARecordThatClientsReceiveAsJson() {
    AgentRef poll = kit.ref(PollAgent.class, "state");
    assertEquals(
        new JsonObject().put("question", "").put("votes", new JsonObject()), poll.state().await());
    poll.call("open", " Tea or coffee? ", List.of("tea", "coffee")).await();
    poll.call("vote", "cy", "coffee").await();
    assertEquals(
        new JsonObject()
            .put("question", "Tea or coffee?")
            .put("votes", tally("tea", 0, "coffee", 1)),
        poll.state().await());
    kit.hibernateIdle();
    assertEquals(tally("tea", 0, "coffee", 2), poll.call("vote", "di", "coffee").await());
  }

  @Test
  void badInputIsAnsweredWithTheAgentsOwnMessages() {
    AgentRef poll = kit.ref(PollAgent.class, "errors");
    assertEquals("The poll is not open", failure(poll, "vote", "ann", "tea"));
    assertEquals(
        "A poll needs at least two different options",
        failure(poll, "open", "Tea?", List.of("tea", "tea")));
    assertEquals("A poll needs a question", failure(poll, "open", " ", List.of("a", "b")));
    poll.call("open", "Tea?", List.of("green", "black")).await();
    assertEquals("No option 'oolong' in this poll", failure(poll, "vote", "ann", "oolong"));
    assertEquals("No option 'oolong' in this poll", failure(poll, "voters", "oolong"));
  }

  private static String failure(AgentRef poll, String method, Object... args) {
    return assertThrows(AgentCallException.class, () -> poll.call(method, args).await())
        .getMessage();
  }
}
