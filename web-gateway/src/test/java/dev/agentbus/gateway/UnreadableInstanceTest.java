package dev.agentbus.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.impl.storage.InstanceFiles;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What HTTP and WebSocket clients are answered for an instance whose file cannot be read. */
class UnreadableInstanceTest extends GatewayTestBase {

  private static final String UNREADABLE =
      "Instance room-agent/broken is unavailable: its database file is unreadable (not a SQLite"
          + " database)";

  @Test
  void callsAndRequestsGetTheReasonAndTheSocketStaysOpen() throws Exception {
    Path file = InstanceFiles.databaseFile(dataDir, "room-agent", "broken");
    Files.createDirectories(file.getParent());
    Files.write(file, "plain text, not a database\n".repeat(200).getBytes(StandardCharsets.UTF_8));

    Client client = new Client("/agents/room-agent/broken");
    for (String id : new String[] {"1", "2"}) { // the second answer: the socket stayed open
      JsonObject answer = client.call(id, "echo", "x");
      assertEquals(id, answer.getString("id"));
      assertFalse(answer.getBoolean("success"));
      assertEquals(UNREADABLE, answer.getString("error"));
    }

    int[] status = new int[1];
    String body =
        http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setPort(port)
                    .setHost("127.0.0.1")
                    .setURI("/agents/room-agent/broken"))
            .compose(request -> request.send())
            .compose(
                response -> {
                  status[0] = response.statusCode();
                  return response.body();
                })
            .await()
            .toString();
    assertEquals(503, status[0]);
    assertEquals(UNREADABLE, body);

    JsonObject healthy = new Client("/agents/room-agent/fine").ready().call("3", "echo", "y");
    assertTrue(healthy.getBoolean("success"), "another instance answers: " + healthy);
  }
}
