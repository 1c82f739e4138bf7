package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js command (a test suite) against a live gateway and asserts that it ended in time
 * and exited 0; its output is printed and returned.
 */
final class ScriptRun {

  private ScriptRun() {}

  /**
   * @param directory where the command runs
   * @param log where its output goes
   * @param environment variables added to its environment
   * @param timeoutSeconds how long it may take (then it and its children are killed)
   * @param command the command and its arguments
   * @return its output
   */
  static String runAndExpectSuccess(
      Path directory,
      Path log,
      Map<String, String> environment,
      long timeoutSeconds,
      List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertTrue(
        ended,
        String.join(" ", command) + " did not end within " + timeoutSeconds + " s:\n" + output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
