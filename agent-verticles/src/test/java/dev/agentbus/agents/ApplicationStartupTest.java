package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's start, run as a real process: {@code --help} exits 0; an unknown flag, a bad
 * configuration file, a bad environment variable or a port in use stop it with one line and status
 * 2; {@code --port} and {@code --data} take effect over the environment.
 */
class ApplicationStartupTest {

  @TempDir Path dir;

  private AppProcess.Ended run(Map<String, String> env, String... args) throws Exception {
    return AppProcess.run(dir, env, args);
  }

  private static void assertCannotStart(String line, AppProcess.Ended ended) {
    assertEquals(2, ended.status(), ended.err());
    assertEquals("AgentBus cannot start: " + line, ended.err().strip());
    assertEquals("", ended.out());
  }

  private Path config(String json) throws IOException {
    return Files.writeString(dir.resolve("app.json"), json);
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() throws Exception {
    for (String flag : List.of("--help", "-h")) {
      AppProcess.Ended ended = run(Map.of(), flag);
      assertEquals(0, ended.status(), ended.err());
      assertEquals(CommandLine.USAGE, ended.out().strip());
      assertEquals("", ended.err());
    }
  }

  @Test
  void anUnknownFlagPrintsTheUsageOnStandardErrorAndExitsTwo() throws Exception {
    AppProcess.Ended ended = run(Map.of(), "--prot", "8080");
    assertEquals(2, ended.status(), ended.err());
    assertEquals(
        "AgentBus cannot start: unknown flag \"--prot\"\n" + CommandLine.USAGE,
        ended.err().strip());
    assertEquals("", ended.out());
  }

  @Test
  void anUnknownKeyInTheConfigFileStopsTheStartWithOneLine() throws Exception {
    Path file = config("{\"gateway\": {\"prot\": 8080}}");
    assertCannotStart(
        "config file " + file + ": unknown key \"gateway.prot\" (did you mean \"gateway.port\"?)",
        run(Map.of(), "--config", file.toString()));
  }

  @Test
  void aValueOfTheWrongTypeInTheConfigFileStopsTheStartWithOneLine() throws Exception {
    Path file = config("{\"idleTimeoutMs\": \"30s\"}");
    assertCannotStart(
        "config file " + file + ": idleTimeoutMs must be a whole number, got \"30s\"",
        run(Map.of(), "--config", file.toString()));
  }

  @Test
  void aMissingOrInvalidConfigFileStopsTheStartWithOneLine() throws Exception {
    Path missing = dir.resolve("missing.json");
    assertCannotStart(
        "config file " + missing + ": not found", run(Map.of(), "--config", missing.toString()));
    Path file = config("{\"dataDir\": \"d\",}");
    AppProcess.Ended ended = run(Map.of(), "--config", file.toString());
    assertEquals(2, ended.status(), ended.err());
    assertTrue(
        ended
            .err()
            .startsWith(
                "AgentBus cannot start: config file "
                    + file
                    + ": not valid JSON at line 1, column "),
        ended.err());
    assertEquals(1, ended.err().lines().count(), ended.err());
  }

  @Test
  void aBadEnvironmentVariableStopsTheStartWithOneLine() throws Exception {
    assertCannotStart(
        "environment variable AGENTBUS_MAX_LIVE_INSTANCES: maxLiveInstances must be a whole"
            + " number, got \"lots\"",
        run(Map.of("AGENTBUS_MAX_LIVE_INSTANCES", "lots")));
  }

  @Test
  void aChatModelThatCannotBeBuiltStopsTheStartWithOneLine() throws Exception {
    assertCannotStart(
        "chat model: model is required for provider openai: the model's name as the server knows"
            + " it",
        run(
            Map.of("AGENTBUS_CHAT_PROVIDER", "openai", "AGENTBUS_CHAT_API_KEY_ENV", "PATH"),
            "--data",
            dir.resolve("d").toString()));
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedStopsTheStartWithOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "");
    assertCannotStart(
        "data directory "
            + file
            + " cannot be created (java.nio.file.FileAlreadyExistsException: "
            + file
            + ")",
        run(Map.of(), "--data", file.toString()));
  }

  @Test
  void aDataDirectoryInUseByAnotherProcessStopsTheStartWithOneLine() throws Exception {
    Path data = dir.resolve("data");
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    dev.agentbus.AgentBus holder =
        dev.agentbus.AgentBus.create(
            vertx, new dev.agentbus.AgentBusOptions().setDataDir(data.toString()));
    try {
      AppProcess.Ended ended = run(Map.of(), "--data", data.toString(), "--port", "0");
      // one line: no stack trace, and no SLF4J notice (the application has a provider)
      assertCannotStart(
          "data directory "
              + data
              + " is in use by another AgentBus runtime (pid "
              + ProcessHandle.current().pid()
              + ")",
          ended);
    } finally {
      holder.close().await();
      vertx.close().await();
    }
  }

  @Test
  void aPortInUseStopsTheStartWithOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      AppProcess.Ended ended =
          run(
              Map.of(
                  "AGENTBUS_HOST",
                  "127.0.0.1",
                  "AGENTBUS_DATA_DIR",
                  dir.resolve("data").toString()),
              "--port",
              String.valueOf(taken.getLocalPort()));
      assertEquals(2, ended.status(), ended.err());
      // Vert.x may have logged before (SLF4J's notice on the tests' class path); no stack trace
      List<String> lines = ended.err().lines().filter(l -> !l.startsWith("SLF4J:")).toList();
      assertEquals(1, lines.size(), ended.err());
      String listen = "cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (";
      assertTrue(lines.get(0).startsWith("AgentBus cannot start: " + listen), ended.err());
    }
  }

  @Test
  void portAndDataFlagsWinOverTheEnvironment() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path flagData = dir.resolve("flag-data");
    Path envData = dir.resolve("env-data");
    Process app =
        AppProcess.start(
            Map.of("AGENTBUS_PORT", "0", "AGENTBUS_DATA_DIR", envData.toString()),
            "--port",
            String.valueOf(port),
            "--data",
            flagData.toString());
    try (Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      Matcher started = AppProcess.awaitStart(out);
      assertEquals(port, Integer.parseInt(started.group(2)));
      assertEquals(flagData.toAbsolutePath().toString(), started.group(3));
      in.write("counter-agent room-1 increment 1\n");
      in.flush();
      assertEquals("=> 1", answer(out));
      in.write("todo-agent home add \"buy oat milk\"\n");
      in.flush();
      assertEquals("=> {\"id\":1,\"text\":\"buy oat milk\",\"done\":false}", answer(out));
      in.write("counter-agent room-1 increment \"1\n");
      in.flush();
      assertTrue(
          answer(out).startsWith("error: the arguments must be JSON values separated by spaces"));
      try (Stream<Path> files = Files.walk(flagData)) {
        assertTrue(files.anyMatch(Files::isRegularFile), "the instance's file is under --data");
      }
      assertFalse(Files.exists(envData), "AGENTBUS_DATA_DIR was overridden");
    } finally {
      app.destroy();
      app.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String answer(BufferedReader out) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("=> ") || line.startsWith("error: ")) {
        return line;
      }
    }
    throw new AssertionError("the application ended before answering");
  }
}
