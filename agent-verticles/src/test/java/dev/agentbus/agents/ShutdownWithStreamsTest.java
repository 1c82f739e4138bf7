package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the application promptly while a runaway stream ({@code countTo(2147483647)}) runs
 * for a client that has stopped reading: the stream is cancelled, nothing waits for it.
 */
class ShutdownWithStreamsTest {

  @TempDir Path dataDir;

  @Test
  void sigtermEndsARunawayStreamAndTheProcessExits() throws Exception {
    Process app =
        AppProcess.start(Map.of("AGENTBUS_DATA_DIR", dataDir.toString(), "AGENTBUS_PORT", "0"));
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
      int port = Integer.parseInt(AppProcess.awaitStart(out).group(2));
      CompletableFuture<Void> tenChunks = new CompletableFuture<>();
      WebSocket.Listener reader =
          new WebSocket.Listener() {
            private int chunks;

            @Override
            public void onOpen(WebSocket socket) {
              socket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence text, boolean last) {
              if (text.toString().contains("\"done\":false") && ++chunks == 10) {
                tenChunks.complete(null); // and reads no more: the stream must wait
              } else {
                socket.request(1);
              }
              return null;
            }
          };
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(URI.create("ws://127.0.0.1:" + port + "/agents/counter-agent/s"), reader)
              .get(10, TimeUnit.SECONDS);
      socket
          .sendText(
              "{\"type\":\"rpc\",\"id\":\"1\",\"method\":\"countTo\",\"args\":[2147483647]}", true)
          .get(10, TimeUnit.SECONDS);
      tenChunks.get(10, TimeUnit.SECONDS);

      long start = System.nanoTime();
      app.destroy(); // SIGTERM
      assertTrue(app.waitFor(15, TimeUnit.SECONDS), "the process exits without a SIGKILL");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(143, app.exitValue(), "ended by SIGTERM after the shutdown hook");
      assertTrue(millis < 5_000, "stopped in " + millis + " ms, not after a time-out");
    } finally {
      app.destroyForcibly();
    }
  }
}
