package dev.agentbus.bench;

import dev.agentbus.bench.gateway.ChildJvm;
import dev.agentbus.bench.gateway.LoadClient;
import dev.agentbus.bench.gateway.ServerMain;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instance-density benchmark: how fast new instances, each with its SQLite file, are created by
 * HTTP {@code POST} through the gateway, and what a live instance with an open file costs the
 * process in file descriptors and native memory. Each run starts a fresh AgentBus server JVM
 * ({@link ServerMain}, {@code CounterAgent}); one load client JVM ({@link LoadClient}, scenario
 * {@code post-new}, 16 requests in flight) serves every run. Runs alternate between the previous
 * way of opening instance databases (shared-memory WAL index in a {@code -shm} file, default page
 * cache: system property {@code agentbus.storage.previous=true}) and the current one, twice each.
 *
 * <p>A run: 500 creations to warm up; then {@code live} creations that all stay live (the server's
 * {@code maxLiveInstances} is {@code live} plus the warm-up's, its idle timeout an hour), after
 * which the growth of open descriptors and of the resident set is divided by {@code live}; then
 * {@code churn} more creations past the cap, where each creation also hibernates the least recently
 * used instance (closing its file). The heap is fixed and pre-touched, so resident-set growth is
 * native memory (SQLite's, the JVM's own bookkeeping) and not Java heap.
 *
 * <p>Run with {@code ./agentbus bench density}; {@code -Dbench.scale=0.2} scales the counts.
 */
public final class DensityBenchmark {

  /** The live-instance count the issue asks for; the descriptor limit may lower it. */
  static final int TARGET_LIVE = 20_000;

  /** Creations before anything is measured; they stay live through the measure. */
  static final int WARM_UP = 500;

  static final String PREVIOUS = "previous";
  static final String CURRENT = "current";

  private DensityBenchmark() {}

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args ignored; see {@code bench.scale}
   * @throws Exception if a JVM cannot be started
   */
  public static void main(String[] args) throws Exception {
    double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
    long limit = openFilesLimit();
    // the same count for both variants, all live at once with the warm-up's: the previous variant
    // holds 3 descriptors per instance, and 1,500 are left for the JVM and the sockets
    int live =
        (int)
            Math.min(
                TARGET_LIVE * scale, Math.max(500, ((limit - 1_500) / 3 - WARM_UP) / 500 * 500));
    int churn = (int) Math.round(10_000 * scale);
    System.out.println("# AgentBus instance density benchmark");
    System.out.println();
    Report.environment();
    System.out.println(
        "- Server: AgentGateway + CounterAgent in its own JVM, flags "
            + String.join(" ", GatewayBenchmark.SERVER_FLAGS)
            + "; load client in another, HTTP POST to a new instance name per request, 16 in"
            + " flight");
    System.out.println(
        "- Open files limit: "
            + limit
            + "; live instances measured: "
            + String.format(Locale.ROOT, "%,d", live)
            + (live < TARGET_LIVE * scale
                ? " (not " + TARGET_LIVE + ": the previous variant holds 3 descriptors each)"
                : ""));
    System.out.println();
    Path logDir = Files.createTempDirectory("agentbus-density-bench-logs-");
    List<JsonObject> runs = new ArrayList<>();
    try (ChildJvm client =
        ChildJvm.start(
            "client", GatewayBenchmark.CLIENT_FLAGS, LoadClient.class, List.of(), logDir)) {
      for (int round = 1; round <= 2; round++) {
        for (String variant : List.of(PREVIOUS, CURRENT)) {
          JsonObject run = run(variant, round, live, churn, client, logDir);
          Report.progress(describe(run));
          runs.add(run);
        }
      }
    }
    print(runs, live, churn);
    BenchRuntime.deleteTree(logDir);
    System.exit(0);
  }

  private static JsonObject run(
      String variant, int round, int live, int churn, ChildJvm client, Path logDir)
      throws IOException {
    List<String> flags = new ArrayList<>(GatewayBenchmark.SERVER_FLAGS);
    if (variant.equals(PREVIOUS)) {
      flags.add("-Dagentbus.storage.previous=true");
    }
    String tag = variant.substring(0, 4) + round;
    try (ChildJvm server =
        ChildJvm.start(
            "agentbus-" + tag,
            flags,
            ServerMain.class,
            List.of("agentbus", String.valueOf(WARM_UP + live), String.valueOf(3_600_000)),
            logDir)) {
      int port = server.answer("start of AgentBus", 60).getInteger("port");
      Report.progress(variant + " round " + round + ": warm-up, " + WARM_UP + " creations");
      client.command("run post-new " + port + " " + WARM_UP + " " + tag + "w", 600);
      JsonObject filesBefore = server.command("files", 120);
      JsonObject heapBefore = server.command("heap", 60);
      Report.progress(variant + " round " + round + ": " + live + " creations, all kept live");
      long cpu0 = server.command("cpu", 10).getLong("cpuNanos");
      JsonObject fill = client.command("run post-new " + port + " " + live + " " + tag + "l", 900);
      long cpu1 = server.command("cpu", 10).getLong("cpuNanos");
      JsonObject filesLive = server.command("files", 120);
      JsonObject heapLive = server.command("heap", 60);
      Report.progress(variant + " round " + round + ": " + churn + " creations past the cap");
      JsonObject past = client.command("run post-new " + port + " " + churn + " " + tag + "c", 900);
      long cpu2 = server.command("cpu", 10).getLong("cpuNanos");
      return new JsonObject()
          .put("variant", variant)
          .put("round", round)
          .put("fillRate", fill.getDouble("rate"))
          .put("fillCpuUs", (cpu1 - cpu0) / 1e3 / live)
          .put("fillP99Ms", fill.getDouble("p99Ms"))
          .put("churnRate", past.getDouble("rate"))
          .put("churnCpuUs", (cpu2 - cpu1) / 1e3 / churn)
          .put("errors", fill.getInteger("errors") + past.getInteger("errors"))
          .put(
              "fdsPerInstance",
              (filesLive.getLong("fds") - filesBefore.getLong("fds")) / (double) live)
          .put("shmFiles", filesLive.getLong("shmFiles"))
          .put("liveInstances", filesLive.getInteger("liveInstances"))
          .put(
              "nativeKbPerInstance",
              (heapLive.getLong("rss") - heapBefore.getLong("rss")) / 1024.0 / live)
          .put(
              "heapKbPerInstance",
              (heapLive.getLong("heapUsed") - heapBefore.getLong("heapUsed")) / 1024.0 / live);
    }
  }

  private static String describe(JsonObject run) {
    return String.format(
        Locale.ROOT,
        "%s round %d: %,.0f creations/s while filling (%.0f µs server CPU each), %,.0f/s past the"
            + " cap (%.0f µs); %d live, %.2f fds, %.1f KB native and %.1f KB heap per instance,"
            + " %d -shm files, %d errors",
        run.getString("variant"),
        run.getInteger("round"),
        run.getDouble("fillRate"),
        run.getDouble("fillCpuUs"),
        run.getDouble("churnRate"),
        run.getDouble("churnCpuUs"),
        run.getInteger("liveInstances"),
        run.getDouble("fdsPerInstance"),
        run.getDouble("nativeKbPerInstance"),
        run.getDouble("heapKbPerInstance"),
        run.getLong("shmFiles"),
        run.getInteger("errors"));
  }

  private static void print(List<JsonObject> runs, int live, int churn) {
    System.out.println();
    System.out.println("## Results (runs alternate previous, current, previous, current)");
    System.out.println();
    System.out.println("| figure | previous | current | goal |");
    System.out.println("| --- | --- | --- | --- |");
    row(
        runs,
        "HTTP POST creations/s, " + String.format("%,d", live) + " kept live",
        "fillRate",
        "%,.0f",
        "≥ 1,000 /s");
    row(runs, "the same: server CPU per creation (µs)", "fillCpuUs", "%,.0f", "—");
    row(runs, "the same: latency p99 (ms)", "fillP99Ms", "%.1f", "—");
    row(
        runs,
        "HTTP POST creations/s, "
            + String.format("%,d", churn)
            + " past the live cap (each hibernates one)",
        "churnRate",
        "%,.0f",
        "≥ 1,000 /s");
    row(runs, "the same: server CPU per creation (µs)", "churnCpuUs", "%,.0f", "—");
    row(runs, "file descriptors per live instance", "fdsPerInstance", "%.2f", "≤ 2");
    row(
        runs,
        "native memory per live instance (KB, resident-set growth)",
        "nativeKbPerInstance",
        "%.1f",
        "≤ 40 KB");
    row(runs, "Java heap per live instance (KB, after GC)", "heapKbPerInstance", "%.1f", "—");
    row(runs, "-shm files with every instance live", "shmFiles", "%.0f", "0");
    System.out.println();
    System.out.println("Each cell: both runs of the variant, in run order.");
  }

  private static void row(
      List<JsonObject> runs, String label, String field, String format, String goal) {
    System.out.println(
        "| "
            + label
            + " | "
            + cells(runs, PREVIOUS, field, format)
            + " | "
            + cells(runs, CURRENT, field, format)
            + " | "
            + goal
            + " |");
  }

  private static String cells(List<JsonObject> runs, String variant, String field, String format) {
    List<String> values = new ArrayList<>();
    for (JsonObject run : runs) {
      if (run.getString("variant").equals(variant)) {
        values.add(
            String.format(Locale.ROOT, format, ((Number) run.getValue(field)).doubleValue()));
      }
    }
    return String.join(" / ", values);
  }

  private static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          return Long.parseLong(line.trim().split("\\s{2,}")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 20_000;
  }
}
