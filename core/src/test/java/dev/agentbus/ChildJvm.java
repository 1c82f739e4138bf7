package dev.agentbus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Starts a class's {@code main} in a child JVM on the tests' class path (to kill it with -9). */
final class ChildJvm {

  private ChildJvm() {}

  /**
   * @param main the class whose {@code main} runs
   * @param args its arguments
   * @return the running process, its standard error merged into its output
   */
  static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
