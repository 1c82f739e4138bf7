package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agentbus.impl.type.AgentNames;
import org.junit.jupiter.api.Test;

class KebabCaseNamesTest {

  @Test
  void classNamesBecomeKebabCaseAsInTheProtocol() {
    assertEquals("counter-agent", AgentNames.kebabCase("CounterAgent"));
    assertEquals("counter", AgentNames.kebabCase("Counter"));
    assertEquals("my-agent", AgentNames.kebabCase("MY_AGENT"));
    assertEquals("chat-agent2", AgentNames.kebabCase("ChatAgent2"));
    assertEquals("a-b", AgentNames.kebabCase("a_b_"));
  }

  @AgentName("custom-name")
  static class Renamed extends Agent<Void> {}

  @AgentName("../etc")
  static class BadlyNamed extends Agent<Void> {}

  @Test
  void anAnnotationOverridesTheNameButMustBeSafe() {
    assertEquals("custom-name", AgentNames.of(Renamed.class));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgentNames.of(BadlyNamed.class));
    assertEquals(true, e.getMessage().contains("must match"));
  }
}
