package dev.agentbus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;

/** A runtime on a clock the test moves, with {@link TaskAgent} registered and its records reset. */
abstract class TaskTestBase extends AgentBusTestBase {

  /** Sunday 2030-01-06, 08:00 UTC. */
  static final Instant START = Instant.parse("2030-01-06T08:00:00Z");

  final ManualClock clock = new ManualClock(START, ZoneOffset.UTC);

  @Override
  Clock clock() {
    return clock;
  }

  @BeforeEach
  void registerTaskAgent() {
    TaskAgent.reset();
    agents.register(TaskAgent.class);
  }
}
