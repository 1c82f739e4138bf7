package dev.agentbus.bench.gateway;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the benchmark, on this JVM's class path, that answers commands on its standard
 * input with one JSON line each on its standard output. Its standard error goes to a log file,
 * whose tail is shown when it fails.
 */
public final class ChildJvm implements AutoCloseable {

  private final String label;
  private final Process process;
  private final Writer commands;
  private final Path log;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ChildJvm(String label, Process process, Path log) {
    this.label = label;
    this.process = process;
    this.log = log;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("{")) {
                    lines.add(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            label + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a child JVM.
   *
   * @param label a short name, for messages and the log file
   * @param jvmFlags its JVM flags
   * @param mainClass its main class
   * @param args its arguments
   * @param logDir where its standard error goes ({@code label.log})
   * @return the child
   * @throws IOException if it cannot be started
   */
  public static ChildJvm start(
      String label, List<String> jvmFlags, Class<?> mainClass, List<String> args, Path logDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    Path log = logDir.resolve(label + ".log");
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    ChildJvm child = new ChildJvm(label, process, log);
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return child;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * Sends a command and waits for its one-line answer.
   *
   * @param command the command line
   * @param timeoutSeconds how long to wait
   * @return the answer
   * @throws IllegalStateException if the child does not answer in time, or answers {@code error}
   */
  public JsonObject command(String command, long timeoutSeconds) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw failure("cannot send '" + command + "': " + e.getMessage());
    }
    return answer(command, timeoutSeconds);
  }

  /**
   * Waits for the next line, e.g. the one a child prints once started.
   *
   * @param what what is awaited, for the message
   * @param timeoutSeconds how long to wait
   * @return the line
   */
  public JsonObject answer(String what, long timeoutSeconds) {
    String line;
    try {
      line = lines.poll(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted waiting for " + what);
    }
    if (line == null) {
      throw failure(
          (process.isAlive() ? "no answer in " + timeoutSeconds + " s" : "the process ended")
              + " to '"
              + what
              + "'");
    }
    JsonObject json = new JsonObject(line);
    if (json.containsKey("error")) {
      throw failure("'" + what + "' failed: " + json.getString("error"));
    }
    return json;
  }

  private IllegalStateException failure(String message) {
    return new IllegalStateException(label + ": " + message + logTail());
  }

  private String logTail() {
    try {
      List<String> all = Files.readAllLines(log);
      List<String> tail = all.subList(Math.max(0, all.size() - 20), all.size());
      return tail.isEmpty() ? "" : "\n  " + log + ":\n  " + String.join("\n  ", tail);
    } catch (IOException e) {
      return "";
    }
  }

  /** Asks the child to quit, and ends it if it has not within 15 s. */
  @Override
  public void close() {
    try {
      commands.write("quit\n");
      commands.flush();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
