package dev.agentbus.bench.gateway;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.agents.CounterAgent;
import dev.agentbus.bench.HeapGauge;
import dev.agentbus.gateway.AgentGateway;
import dev.agentbus.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server of the gateway benchmark in a JVM of its own: {@code ceiling} (the bare {@link
 * CeilingServer}) or {@code agentbus} (AgentBus with {@link CounterAgent} behind its gateway, on a
 * temporary data directory deleted at the end).
 *
 * <p>Prints {@code {"port":P,"pid":N}} once listening, then answers commands read from standard
 * input, one JSON line each: {@code cpu} (this process's CPU time, ns, in all and by group of
 * threads, see {@link ThreadCpu}), {@code heap} (used heap after full garbage collections, and the
 * resident set), {@code live} (the heap a full collection left, read from the pools, for a server
 * under load, and the resident set), {@code files} (this process's open file descriptors, live
 * instances, and the {@code -wal} and {@code -shm} files in the data directory) and {@code quit}. A
 * second argument sets AgentBus's {@code maxLiveInstances} (default 100,000), a third its {@code
 * idleTimeoutMs}.
 */
public final class ServerMain {

  private ServerMain() {}

  /**
   * Starts the server and serves commands until {@code quit} or the end of standard input.
   *
   * @param args {@code ceiling} or {@code agentbus} [maxLiveInstances [idleTimeoutMs]]
   * @throws Exception if the server does not start
   */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "";
    Vertx vertx = Vertx.vertx();
    Path dataDir = null;
    AgentBus agents = null;
    int port;
    switch (kind) {
      case "ceiling" -> port = CeilingServer.listen(vertx, "127.0.0.1", 0).await().actualPort();
      case "agentbus" -> {
        dataDir = Files.createTempDirectory("agentbus-gateway-bench-");
        agents =
            AgentBus.create(
                vertx,
                new AgentBusOptions()
                    .setDataDir(dataDir.toString())
                    .setMaxLiveInstances(args.length > 1 ? Integer.parseInt(args[1]) : 100_000)
                    .setIdleTimeoutMs(
                        args.length > 2
                            ? Long.parseLong(args[2])
                            : AgentBusOptions.DEFAULT_IDLE_TIMEOUT_MS));
        agents.register(CounterAgent.class);
        AgentGateway gateway = AgentGateway.create(vertx, agents, gatewayOptions());
        port = gateway.listen(null).await().actualPort();
      }
      default -> throw new IllegalArgumentException("usage: ServerMain ceiling|agentbus");
    }
    reply(new JsonObject().put("port", port).put("pid", ProcessHandle.current().pid()));
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null && !line.trim().equals("quit")) {
        switch (line.trim()) {
          case "cpu" ->
              reply(
                  new JsonObject()
                      .put("cpuNanos", processCpuNanos())
                      .put("threads", ThreadCpu.byGroup()));
          case "heap" ->
              reply(
                  new JsonObject()
                      .put("heapUsed", HeapGauge.usedHeapAfterGc())
                      .put("rss", HeapGauge.residentBytes()));
          case "live" ->
              reply(
                  new JsonObject()
                      .put("heapLive", HeapGauge.liveHeapAfterGc())
                      .put("rss", HeapGauge.residentBytes()));
          case "files" -> reply(files(dataDir, agents));
          default -> reply(new JsonObject().put("error", "unknown command: " + line));
        }
      }
    } finally {
      if (agents != null) {
        agents.close().await();
      }
      vertx.close().await();
      if (dataDir != null) {
        deleteTree(dataDir);
      }
    }
    System.exit(0);
  }

  /**
   * The gateway's options: defaults on a free port, or with {@code -Dbench.unbounded=true} stream
   * buffers so large that streams never wait (as before back-pressure), for comparison.
   */
  private static GatewayOptions gatewayOptions() {
    GatewayOptions options = new GatewayOptions().setPort(0).setHost("127.0.0.1");
    if (Boolean.getBoolean("bench.unbounded")) {
      options.setMaxQueuedBytes(Integer.MAX_VALUE).setStreamBufferBytes(Integer.MAX_VALUE);
    }
    return options;
  }

  /** Open file descriptors, live instances and SQLite's companion files. */
  private static JsonObject files(Path dataDir, AgentBus agents) throws IOException {
    long fds;
    try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
      fds = open.count();
    }
    JsonObject out = new JsonObject().put("fds", fds);
    if (dataDir != null) {
      try (Stream<Path> all = Files.walk(dataDir)) {
        List<String> names = all.map(p -> p.getFileName().toString()).toList();
        out.put("walFiles", names.stream().filter(n -> n.endsWith("-wal")).count())
            .put("shmFiles", names.stream().filter(n -> n.endsWith("-shm")).count())
            .put("liveInstances", agents.liveInstances());
      }
    }
    return out;
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

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
