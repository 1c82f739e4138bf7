package dev.agentbus.bench;

import dev.agentbus.bench.gateway.ChildJvm;
import dev.agentbus.bench.gateway.GatewayReport;
import dev.agentbus.bench.gateway.LoadClient;
import dev.agentbus.bench.gateway.RunResult;
import dev.agentbus.bench.gateway.Scenario;
import dev.agentbus.bench.gateway.ServerMain;
import dev.agentbus.bench.gateway.ThreadCpu;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The gateway benchmark: AgentBus's WebSocket/HTTP gateway (with {@code CounterAgent}) against a
 * ceiling, a bare Vert.x server speaking the same frames with no agent runtime behind it, loaded by
 * the same client. The ceiling, AgentBus and the load client each run in a JVM of their own (this
 * JVM only orchestrates). A first pass runs every scenario once against each server, unmeasured, to
 * warm the JVMs up; then for every scenario the client runs against the ceiling, then AgentBus,
 * then the ceiling and AgentBus again, each run after a short warm-up; the servers report their CPU
 * time around each measured run and their heap after GC for the idle-socket scenario.
 *
 * <p>Run with {@code mvn -q -pl bench exec:exec -Dbench.main=dev.agentbus.bench.GatewayBenchmark}
 * (after {@code mvn install -DskipTests}); {@code -Dbench.scenarios=echo-seq,http-get} runs some
 * scenarios only, {@code -Dbench.scale=0.2} scales the operation counts. For experiments, the
 * system properties {@code bench.agentbus.jvmFlags} and {@code bench.ceiling.jvmFlags} add JVM
 * flags to one server (run this class with {@code java} directly to set them).
 */
public final class GatewayBenchmark {

  /**
   * The servers' JVM flags: as the runtime benchmark's (bench/pom.xml), a fixed, pre-touched 1 GiB
   * heap — the idle-socket goal's bound — and the Parallel collector, whose System.gc() is a full
   * compaction, so "heap after GC" is the live set.
   */
  static final List<String> SERVER_FLAGS =
      List.of(
          "-Xms1g",
          "-Xmx1g",
          "-XX:+AlwaysPreTouch",
          "-XX:+UseParallelGC",
          "--enable-native-access=ALL-UNNAMED");

  /** The load client's JVM flags: room for 10,000 sockets' buffers. */
  static final List<String> CLIENT_FLAGS =
      List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC");

  private GatewayBenchmark() {}

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args ignored; see the system properties {@code bench.scenarios} and {@code bench.scale}
   * @throws Exception if a JVM cannot be started
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    CpuTimes cpuAtStart = CpuTimes.now();
    double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
    List<Scenario> scenarios = selected(Scenario.all(scale));
    System.out.println("# AgentBus gateway benchmark");
    System.out.println();
    Report.environment();
    System.out.println("- Servers: each in its own JVM, flags " + String.join(" ", SERVER_FLAGS));
    for (String kind : List.of("ceiling", "agentbus")) {
      if (!extraFlags(kind).isEmpty()) {
        System.out.println(
            "  - extra flags of " + kind + ": " + String.join(" ", extraFlags(kind)));
      }
    }
    System.out.println(
        "- Load client: its own JVM, flags "
            + String.join(" ", CLIENT_FLAGS)
            + "; Vert.x WebSocket/HTTP clients on one event loop");
    System.out.println("- Open files limit (ulimit -n): " + openFilesLimit());
    System.out.println(
        "- Ceiling: bare Vert.x HttpServer (one event loop, as AgentGateway.listen), in-memory"
            + " count per name; AgentBus: AgentGateway + CounterAgent (state persisted in"
            + " SQLite), default options but maxLiveInstances 100,000");
    System.out.println(
        "- Order: a warm-up pass (every scenario but connect-new on both servers, unmeasured),"
            + " then per scenario ceiling, AgentBus, ceiling, AgentBus, each measured run after a"
            + " warm-up run on the"
            + " same server and a wait (at most 10 s) for the JIT compilers of all three JVMs to"
            + " go quiet");
    System.out.println();
    Path logDir = Files.createTempDirectory("agentbus-gateway-bench-logs-");
    List<RunResult> runs = new ArrayList<>();
    List<ChildJvm> children = new ArrayList<>();
    try {
      ChildJvm ceiling = server("ceiling", logDir, children);
      ChildJvm agentbus = server("agentbus", logDir, children);
      ChildJvm client = ChildJvm.start("client", CLIENT_FLAGS, LoadClient.class, List.of(), logDir);
      children.add(client);
      int ceilingPort = ceiling.answer("start of the ceiling", 60).getInteger("port");
      int agentbusPort = agentbus.answer("start of AgentBus", 60).getInteger("port");
      Report.progress(
          "ceiling on port "
              + ceilingPort
              + " (pid "
              + ceiling.pid()
              + "), AgentBus on port "
              + agentbusPort
              + " (pid "
              + agentbus.pid()
              + "), client pid "
              + client.pid()
              + "; their standard error in "
              + logDir
              + " (kept only if a run fails)");
      for (Scenario scenario : scenarios) {
        // A first pass warms up the three JVMs (JIT) on every code path before anything counts;
        // not connect-new, whose thousands of instances would hibernate 30 s later, in the middle
        // of other scenarios' runs (it runs last, and its own warm-up runs suffice).
        if (scenario.name().equals("connect-new")) {
          continue;
        }
        warmUp(scenario, ceiling, ceilingPort, client);
        warmUp(scenario, agentbus, agentbusPort, client);
      }
      Report.progress("warm-up pass done");
      for (Scenario scenario : scenarios) {
        for (int round = 1; round <= 2; round++) {
          runs.add(
              measure(
                  scenario, GatewayReport.CEILING, round, ceiling, ceilingPort, client, children));
          runs.add(
              measure(
                  scenario,
                  GatewayReport.AGENTBUS,
                  round,
                  agentbus,
                  agentbusPort,
                  client,
                  children));
        }
      }
    } finally {
      children.forEach(ChildJvm::close);
    }
    if (runs.stream().allMatch(RunResult::ok)) {
      BenchRuntime.deleteTree(logDir);
    }
    List<Scenario> tableOrder = new ArrayList<>(scenarios);
    // the idle-socket scenario runs before connect-new (whose thousands of new instances would
    // otherwise sit in the heap it measures) but is reported last
    tableOrder.sort((a, b) -> Boolean.compare(isIdle(a), isIdle(b)));
    GatewayReport.print(tableOrder, runs, (System.nanoTime() - start) / 1e9);
    CpuTimes cpuAtEnd = CpuTimes.now();
    if (cpuAtStart != null && cpuAtEnd != null) {
      System.out.println(cpuAtEnd.since(cpuAtStart) + ".");
    }
    System.exit(0);
  }

  private static boolean isIdle(Scenario scenario) {
    return scenario.name().equals("idle-10k");
  }

  private static ChildJvm server(String kind, Path logDir, List<ChildJvm> children)
      throws IOException {
    List<String> flags = new ArrayList<>(SERVER_FLAGS);
    flags.addAll(extraFlags(kind));
    ChildJvm child = ChildJvm.start(kind, flags, ServerMain.class, List.of(kind), logDir);
    children.add(child);
    return child;
  }

  /** Extra JVM flags of one server, for experiments: {@code -Dbench.agentbus.jvmFlags="-X..."}. */
  private static List<String> extraFlags(String kind) {
    String flags = System.getProperty("bench." + kind + ".jvmFlags", "").trim();
    return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
  }

  private static List<Scenario> selected(List<Scenario> all) {
    String names = System.getProperty("bench.scenarios", "all").trim();
    if (names.isEmpty() || names.equals("all")) {
      return all;
    }
    List<String> wanted = Arrays.asList(names.split("\\s*,\\s*"));
    return all.stream().filter(s -> wanted.contains(s.name())).toList();
  }

  /**
   * Waits until the JIT compilers of all three JVMs are quiet (together under 5% of a core over 250
   * ms), at most 10 s: compilations queued by a warm-up, or by the previous run on the other
   * server, would otherwise take CPU from the measured run (on 2 cores, C2 lags seconds behind a
   * loaded JVM).
   *
   * @return how long it waited, in seconds
   */
  private static double settle(List<ChildJvm> jvms) {
    long start = System.nanoTime();
    long deadline = start + 10_000_000_000L;
    List<JsonObject> before = new ArrayList<>();
    for (ChildJvm jvm : jvms) {
      before.add(jvm.command("cpu", 10).getJsonObject("threads"));
    }
    while (System.nanoTime() < deadline) {
      sleep(250);
      long compiling = 0;
      for (int i = 0; i < jvms.size(); i++) {
        JsonObject after = jvms.get(i).command("cpu", 10).getJsonObject("threads");
        compiling += compilerNanos(ThreadCpu.delta(before.get(i), after));
        before.set(i, after);
      }
      if (compiling < 12_500_000L) {
        break;
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static long compilerNanos(JsonObject threads) {
    long nanos = 0;
    for (String group : threads.fieldNames()) {
      if (group.contains("Compiler")) {
        nanos += threads.getLong(group);
      }
    }
    return nanos;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A warm-up run, unmeasured; a failure ends the benchmark. */
  private static void warmUp(Scenario scenario, ChildJvm server, int port, ChildJvm client) {
    client.command(run(scenario.name(), port, scenario.warmCount(), "warm" + server.pid()), 300);
    if (isIdle(scenario)) {
      client.command("release", 120);
    }
  }

  /** A warm-up run, then a measured run with the server's CPU time (and heap) around it. */
  private static RunResult measure(
      Scenario scenario,
      String server,
      int round,
      ChildJvm serverJvm,
      int port,
      ChildJvm client,
      List<ChildJvm> all) {
    String tag = server.toLowerCase(Locale.ROOT) + round;
    boolean idle = isIdle(scenario);
    try {
      client.command(run(scenario.name(), port, scenario.warmCount(), tag + "w"), 300);
      if (idle) {
        client.command("release", 120);
      }
      JsonObject heapBefore = idle ? serverJvm.command("heap", 60) : null;
      double settled = settle(all);
      JsonObject cpuBefore = serverJvm.command("cpu", 10);
      JsonObject figures = client.command(run(scenario.name(), port, scenario.count(), tag), 300);
      JsonObject cpuAfter = serverJvm.command("cpu", 10);
      figures
          .put("serverCpuNanos", cpuAfter.getLong("cpuNanos") - cpuBefore.getLong("cpuNanos"))
          .put(
              "serverThreads",
              ThreadCpu.delta(
                  cpuBefore.getJsonObject("threads"), cpuAfter.getJsonObject("threads")));
      if (idle) {
        JsonObject heap = serverJvm.command("heap", 60);
        figures
            .put("heapUsed", heap.getLong("heapUsed"))
            .put("rss", heap.getLong("rss"))
            .put("heapBefore", heapBefore.getLong("heapUsed"));
        client.command("release", 120);
      }
      figures.put("settleSeconds", settled);
      RunResult result = new RunResult(scenario.name(), server, round, figures, null);
      Report.progress(result.describe());
      return result;
    } catch (IllegalStateException e) {
      if (idle) {
        try {
          client.command("release", 120);
        } catch (IllegalStateException ignored) {
          // reported below
        }
      }
      RunResult result = new RunResult(scenario.name(), server, round, null, e.getMessage());
      Report.progress(result.describe());
      return result;
    }
  }

  private static String run(String scenario, int port, int count, String tag) {
    return "run " + scenario + " " + port + " " + count + " " + tag;
  }

  private static String openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] f = line.trim().split("\\s{2,}");
          return f.length > 1 ? f[1] + " (soft), per process" : line;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "?";
  }
}
