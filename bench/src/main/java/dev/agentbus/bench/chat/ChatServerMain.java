package dev.agentbus.bench.chat;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.bench.BenchRuntime;
import dev.agentbus.bench.gateway.ThreadCpu;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chat benchmark's server node, in a JVM of its own: AgentBus with {@link BenchChatAgent}
 * behind its gateway on 127.0.0.1, its chat model the {@code openai} provider at the base URL given
 * as the argument (the benchmark's fake model), on a temporary data directory deleted at the end.
 *
 * <p>Prints {@code {"port":P,"pid":N}} once listening, then answers commands read from standard
 * input, one JSON line each: {@code cpu} (this process's CPU time in nanoseconds, in all and by
 * group of threads) and {@code quit}.
 */
public final class ChatServerMain {

  private ChatServerMain() {}

  /**
   * Starts the node and serves commands until {@code quit} or the end of standard input.
   *
   * @param args the model server's base URL, e.g. {@code http://127.0.0.1:4000/v1}
   * @throws Exception if the node does not start
   */
  public static void main(String[] args) throws Exception {
    JsonObject chat =
        new JsonObject().put("provider", "openai").put("baseUrl", args[0]).put("model", "bench");
    Path dataDir = Files.createTempDirectory("agentbus-chat-bench-");
    Vertx vertx = Vertx.vertx();
    AgentBus agents =
        AgentBus.create(
            vertx,
            new AgentBusOptions()
                .setDataDir(dataDir.toString())
                .setAgentConfig(new JsonObject().put("chat", chat)));
    agents.register(BenchChatAgent.class);
    AgentGateway gateway =
        AgentGateway.create(vertx, agents, new GatewayOptions().setPort(0).setHost("127.0.0.1"));
    int port = gateway.listen(null).await().actualPort();
    reply(new JsonObject().put("port", port).put("pid", ProcessHandle.current().pid()));
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.trim().equals("quit")) {
        if (line.trim().equals("cpu")) {
          reply(
              new JsonObject()
                  .put("cpuNanos", processCpuNanos())
                  .put("threads", ThreadCpu.byGroup()));
        } else {
          reply(new JsonObject().put("error", "unknown command: " + line));
        }
      }
    } finally {
      gateway.close().await();
      agents.close().await();
      vertx.close().await();
      BenchRuntime.deleteTree(dataDir);
    }
    System.exit(0);
  }

  /** The CPU time of this whole process (every thread, GC and JIT included), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void reply(JsonObject json) {
    System.out.println(json.encode());
    System.out.flush();
  }
}
