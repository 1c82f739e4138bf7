package dev.agentbus.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application ({@link Main}) in a child JVM on the tests' class path, with an environment that
 * holds no {@code AGENTBUS_*} variable but those the test gives.
 */
final class AppProcess {

  private AppProcess() {}

  /**
   * How a run that ended went.
   *
   * @param status its exit status
   * @param out what it printed on standard output
   * @param err what it printed on standard error
   */
  record Ended(int status, String out, String err) {}

  /**
   * Starts the application; its standard error goes to its standard output.
   *
   * @param env {@code AGENTBUS_*} variables for it
   * @param args its arguments
   * @return the running process
   */
  static Process start(Map<String, String> env, String... args) throws IOException {
    return builder(env, args).redirectErrorStream(true).start();
  }

  /**
   * Runs the application until it exits by itself (within 60 s).
   *
   * @param dir where its output is kept
   * @param env {@code AGENTBUS_*} variables for it
   * @param args its arguments
   * @return how it ended
   */
  static Ended run(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        builder(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "the application did not exit within 60 s: "
              + Files.readString(out)
              + Files.readString(err));
    }
    return new Ended(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith(EnvVariables.PREFIX));
    builder.environment().putAll(env);
    return builder;
  }

  /** The line the application prints once it listens: its agents, its port, its data directory. */
  static final java.util.regex.Pattern STARTED =
      java.util.regex.Pattern.compile(
          "AgentBus started with agents \\[(.*)] on http://localhost:(\\d+)/.*; data in (.*)\\."
              + " Call");

  /**
   * Reads the application's output until its start line.
   *
   * @return the start line's match: group 1 the agents, 2 the port, 3 the data directory
   * @throws AssertionError with the output, if the application ended without starting
   */
  static java.util.regex.Matcher awaitStart(java.io.BufferedReader out) throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      java.util.regex.Matcher started = STARTED.matcher(line);
      if (started.find()) {
        return started;
      }
      lines.add(line);
    }
    throw new AssertionError(
        "the application ended without starting:\n" + String.join("\n", lines));
  }
}
