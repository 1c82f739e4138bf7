package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application, run as a real process: it serves the Java and Kotlin demo agents, and SIGTERM
 * hibernates every instance before exit.
 */
class ApplicationShutdownTest {

  @TempDir Path dataDir;

  private Process start() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .redirectErrorStream(true);
    builder.environment().put("AGENTBUS_DATA_DIR", dataDir.toString());
    builder.environment().put("AGENTBUS_PORT", "0");
    return builder.start();
  }

  private static String ask(Writer in, BufferedReader out, String line) throws IOException {
    in.write(line + "\n");
    in.flush();
    String answer;
    while ((answer = out.readLine()) != null) {
      if (answer.startsWith("=> ") || answer.startsWith("error: ")) {
        return answer;
      }
    }
    throw new AssertionError("the application ended before answering " + line);
  }

  @Test
  void sigtermClosesEveryDatabaseAndTheNextRunFindsTheData() throws Exception {
    Process app = start();
    try (Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("=> 3", ask(in, out, "counter-agent room-1 increment 3"));
      assertEquals("=> 1", ask(in, out, "counter-agent room-2 addRow \"hello\""));
      assertEquals("error: Method nope does not exist", ask(in, out, "counter-agent room-1 nope"));
      assertEquals(
          "=> {\"id\":1,\"text\":\"milk\",\"done\":false}",
          ask(in, out, "todo-agent home add \"milk\""));
      app.destroy(); // SIGTERM
      assertTrue(app.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(143, app.exitValue(), "ended by SIGTERM after the shutdown hook");
    try (Stream<Path> files = Files.walk(dataDir)) {
      assertFalse(
          files.anyMatch(p -> p.toString().endsWith("-wal")),
          "every database was closed, its WAL checkpointed and removed");
    }

    Process again = start();
    try (Writer in = new OutputStreamWriter(again.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("=> 4", ask(in, out, "counter-agent room-1 increment 1"));
      assertEquals("=> 2", ask(in, out, "counter-agent room-2 addRow \"again\""));
      assertEquals(
          "=> [{\"id\":1,\"text\":\"milk\",\"done\":false}]", ask(in, out, "todo-agent home list"));
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
