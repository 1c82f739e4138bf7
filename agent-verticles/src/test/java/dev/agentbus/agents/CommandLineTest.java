package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The application's flags: values in two forms, help, and usage errors. */
class CommandLineTest {

  @Test
  void flagsTakeTheirValueAsTheNextArgumentOrAfterAnEqualsSign() {
    CommandLine line =
        CommandLine.parse("--port", "9000", "--data=/srv/data", "--config", "a.json");
    assertFalse(line.help());
    assertEquals("9000", line.value("--port"));
    assertEquals("/srv/data", line.value("--data"));
    assertEquals("a.json", line.value("--config"));
    assertNull(line.value("--agents"));
  }

  @Test
  void helpWinsWhereverItStands() {
    assertTrue(CommandLine.parse("--help").help());
    assertTrue(CommandLine.parse("--port", "1", "-h").help());
  }

  @Test
  void anUnknownFlagOrAMissingValueIsAUsageError() {
    assertEquals("unknown flag \"--prot\"", usageError("--prot", "8080"));
    assertEquals("unexpected argument \"serve\"", usageError("serve"));
    assertEquals("--port needs a value", usageError("--port"));
  }

  private static String usageError(String... args) {
    return assertThrows(CommandLine.UsageError.class, () -> CommandLine.parse(args)).getMessage();
  }
}
