package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.millis;
import static dev.agentbus.bench.Latencies.rate;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.testkit.AgentTestKit;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedule benchmark: firings per second across many live instances at a steady rate and in a
 * burst, firing from hibernation, and what 100,000 pending schedules over 10,000 hibernated
 * instances hold in memory. Prints a Markdown table like {@link RuntimeBenchmark}.
 *
 * <p>Run with {@code mvn -q -pl bench exec:exec -Dbench.main=dev.agentbus.bench.ScheduleBenchmark}
 * after {@code mvn install -DskipTests}.
 */
public final class ScheduleBenchmark {

  static final int LIVE_INSTANCES = 4_000;
  static final int STEADY_RATE = 5_000;
  static final int STEADY_SECONDS = 12;
  static final int BURST_PER_INSTANCE = 5;
  static final int WAKE_INSTANCES = 2_000;
  static final int WAKE_RATE = 1_000;
  static final int PENDING_INSTANCES = 10_000;
  static final int PENDING_PER_INSTANCE = 10;
  static final int CONCURRENCY = 32;

  private final Vertx vertx = Vertx.vertx();
  private final Path dataDir;
  private final AgentBus agents;

  private ScheduleBenchmark(Path dataDir) {
    this.dataDir = dataDir;
    this.agents =
        AgentBus.create(
            vertx,
            new AgentBusOptions()
                .setDataDir(dataDir.resolve("agents").toString())
                .setIdleTimeoutMs(3_600_000)
                // each live instance with a file holds 3 descriptors; ulimit -n is 20,000 here
                .setMaxLiveInstances(LIVE_INSTANCES + 500));
    agents.register(ScheduleBenchAgent.class);
  }

  /**
   * Runs every measure and prints the results.
   *
   * @param args ignored
   * @throws Exception if a measure fails
   */
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    System.out.println("# AgentBus schedule benchmark");
    System.out.println();
    Report.environment();
    Path dir = Files.createTempDirectory("agentbus-schedule-bench-");
    List<Figure> figures = new ArrayList<>();
    ScheduleBenchmark bench = new ScheduleBenchmark(dir);
    try {
      Report.progress("data dir " + dir + " (deleted at the end)");
      figures.addAll(bench.live());
      figures.addAll(bench.wakeAndFire());
      figures.addAll(bench.pendingInMemory());
    } finally {
      bench.agents.close().await();
      bench.vertx.close().await();
      BenchRuntime.deleteTree(dir);
    }
    Report.table(figures, (System.nanoTime() - start) / 1e9);
    System.exit(0);
  }

  private void plan(String prefix, int instances, long first, long step, int count) {
    InFlight.run(
        vertx,
        instances,
        CONCURRENCY,
        i ->
            agents
                .get(ScheduleBenchAgent.class, prefix + i)
                .call("plan", first + i * step, (long) instances * step, count));
  }

  private FiringRecorder record(int expected) {
    FiringRecorder recorder = new FiringRecorder(expected);
    ScheduleBenchAgent.recorder = recorder;
    return recorder;
  }

  /**
   * Measures 1 and 2: a burst of schedules planned ahead, then a steady 5,000 firings/s over 4,000
   * live instances (chains of one-shots, each callback scheduling the instance's next firing), then
   * the burst.
   */
  List<Figure> live() throws InterruptedException {
    Report.progress("live: warming up " + LIVE_INSTANCES + " instances (files, JIT)");
    FiringRecorder warm = record(LIVE_INSTANCES * 2);
    plan("live-", LIVE_INSTANCES, System.currentTimeMillis() + 2_000, 1, 2);
    warm.awaitCount(LIVE_INSTANCES * 2, 120_000);

    int burstTotal = LIVE_INSTANCES * BURST_PER_INSTANCE;
    long burstDue = System.currentTimeMillis() + 60_000;
    Report.progress("burst: planning " + burstTotal + " schedules due at the same instant");
    long planning = System.nanoTime();
    InFlight.run(
        vertx,
        LIVE_INSTANCES,
        CONCURRENCY,
        i ->
            agents
                .get(ScheduleBenchAgent.class, "live-" + i)
                .call("plan", burstDue, 0L, BURST_PER_INSTANCE));
    double planRate = burstTotal / ((System.nanoTime() - planning) / 1e9);
    Report.progress("burst: planned at " + rate(planRate, "schedules/s"));

    int total = STEADY_RATE * STEADY_SECONDS;
    long periodMillis = 1_000L * LIVE_INSTANCES / STEADY_RATE;
    long first = System.currentTimeMillis() + 3_000;
    ScheduleBenchAgent.chainPeriodMillis = periodMillis;
    ScheduleBenchAgent.chainUntilMillis = first + STEADY_SECONDS * 1_000L;
    FiringRecorder steady = record(total);
    Report.progress(
        "steady: " + LIVE_INSTANCES + " chains, one firing per " + periodMillis + " ms each");
    InFlight.run(
        vertx,
        LIVE_INSTANCES,
        CONCURRENCY,
        i ->
            agents
                .get(ScheduleBenchAgent.class, "live-" + i)
                .call("chainFrom", first + i * periodMillis / LIVE_INSTANCES));
    while (System.currentTimeMillis() < first) {
      Thread.sleep(1);
    }
    long cpuStart = processCpuNanos();
    if (!steady.awaitCount(total, 120_000)) {
      throw new IllegalStateException("only " + steady.count() + " of " + total + " fired");
    }
    long cpu = processCpuNanos() - cpuStart;
    Latencies lags = steady.lags();
    double cpuMicros = cpu / 1e3 / total;
    Report.progress(
        "steady: "
            + rate(lags.perSecond(), "firings/s")
            + ", lag "
            + lags.summary()
            + String.format(", %.1f µs CPU per firing", cpuMicros));

    FiringRecorder burst = record(burstTotal);
    if (!burst.awaitCount(burstTotal, 180_000)) {
      throw new IllegalStateException("only " + burst.count() + " of " + burstTotal + " fired");
    }
    Latencies burstLags = burst.lags();
    Report.progress(
        "burst: " + rate(burstLags.perSecond(), "firings/s") + ", lag " + burstLags.summary());

    String label =
        "1. Steady firing, "
            + String.format("%,d", STEADY_RATE)
            + " due per second for "
            + STEADY_SECONDS
            + " s over "
            + String.format("%,d", LIVE_INSTANCES)
            + " live instances (each run schedules the next)";
    String burstLabel =
        "2. Burst: "
            + String.format("%,d", burstTotal)
            + " schedules due at the same instant over "
            + String.format("%,d", LIVE_INSTANCES)
            + " live instances";
    return List.of(
        Figure.goal(
            label + ": firings/s",
            rate(lags.perSecond(), "firings/s"),
            "≥ 5,000 /s",
            lags.perSecond() >= STEADY_RATE * 0.99),
        Figure.goal(
            label + ": lag p99 (callback start − due time)",
            millis(lags.percentileMillis(99)),
            "< 20 ms",
            lags.percentileMillis(99) < 20),
        Figure.info(
            label + ": lag p50 / max",
            millis(lags.percentileMillis(50)) + " / " + millis(lags.maxMillis())),
        Figure.info(
            label + ": process CPU per firing (run + next schedule + bookkeeping)",
            String.format("%.1f µs (%,.0f firings/s per core)", cpuMicros, 1e6 / cpuMicros)),
        Figure.info(
            burstLabel + ": firings/s, first to last", rate(burstLags.perSecond(), "firings/s")),
        Figure.info(
            burstLabel + ": lag p50 / max",
            millis(burstLags.percentileMillis(50)) + " / " + millis(burstLags.maxMillis())),
        Figure.info(
            "2. Making schedules ("
                + BURST_PER_INSTANCE
                + " per call, "
                + CONCURRENCY
                + " calls in flight, live instances)",
            rate(planRate, "schedules/s")));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Measure 3: hibernated instances woken by their schedules. */
  List<Figure> wakeAndFire() throws InterruptedException {
    hibernateAll();
    Report.progress("wake: " + WAKE_INSTANCES + " instances, one schedule each, then hibernated");
    long due = System.currentTimeMillis() + 30_000;
    long step = 1_000 / WAKE_RATE;
    FiringRecorder recorder = record(WAKE_INSTANCES);
    InFlight.run(
        vertx,
        WAKE_INSTANCES,
        CONCURRENCY,
        i ->
            agents.get(ScheduleBenchAgent.class, "sleep-" + i).call("plan", due + i * step, 0L, 1));
    hibernateAll();
    long hibernatedAt = System.currentTimeMillis();
    if (hibernatedAt > due) {
      Report.progress("wake: WARNING hibernation ended " + (hibernatedAt - due) + " ms late");
    }
    if (!recorder.awaitCount(WAKE_INSTANCES, 120_000)) {
      throw new IllegalStateException("only " + recorder.count() + " fired");
    }
    Latencies lags = recorder.lags();
    Report.progress("wake: " + rate(lags.perSecond(), "firings/s") + ", lag " + lags.summary());
    String label =
        "3. Firing from hibernation: "
            + String.format("%,d", WAKE_INSTANCES)
            + " hibernated instances, one schedule each, due at "
            + String.format("%,d", WAKE_RATE)
            + "/s";
    return List.of(
        Figure.info(label + ": firings/s, first to last", rate(lags.perSecond(), "firings/s")),
        Figure.info(
            label + ": lag p50 / p99 (wake included)",
            millis(lags.percentileMillis(50)) + " / " + millis(lags.percentileMillis(99))));
  }

  /** Measure 4: 100,000 pending schedules over 10,000 hibernated instances. */
  List<Figure> pendingInMemory() throws Exception {
    hibernateAll();
    ScheduleBenchAgent.recorder = null;
    long before = HeapGauge.usedHeapAfterGc();
    int pending = PENDING_INSTANCES * PENDING_PER_INSTANCE;
    Report.progress(
        "pending: planning "
            + pending
            + " schedules over "
            + PENDING_INSTANCES
            + " instances (a day from now)");
    long tomorrow = System.currentTimeMillis() + 86_400_000L;
    long started = System.nanoTime();
    plan("pending-", PENDING_INSTANCES, tomorrow, 1, PENDING_PER_INSTANCE);
    double planSeconds = (System.nanoTime() - started) / 1e9;
    hibernateAll();
    int live = agents.liveInstances();
    long after = HeapGauge.usedHeapAfterGc();
    long indexRows = indexRows();
    Report.progress(
        "pending: live " + live + ", heap +" + (after - before) + " B, index rows " + indexRows);
    int sample =
        agents.get(ScheduleBenchAgent.class, "pending-7").call(Integer.class, "pending").await();
    if (sample != PENDING_PER_INSTANCE) {
      throw new IllegalStateException("pending-7 has " + sample + " schedules");
    }
    hibernateAll();
    String label =
        "4. "
            + String.format("%,d", pending)
            + " pending schedules over "
            + String.format("%,d", PENDING_INSTANCES)
            + " hibernated instances";
    return List.of(
        Figure.goal(label + ": live instances", Integer.toString(live), "0", live == 0),
        Figure.info(
            label + ": heap held (after GC, all in the node index)",
            String.format(
                "%,d B (%,d B per instance with schedules)",
                after - before, (after - before) / PENDING_INSTANCES)),
        Figure.info(label + ": rows in the node index", String.format("%,d", indexRows)),
        Figure.info(
            label + ": making them (32 calls in flight, creating the files)",
            rate(pending / planSeconds, "schedules/s")));
  }

  private long indexRows() throws Exception {
    Path index = dataDir.resolve("agents").resolve(".agentbus").resolve("schedule-index.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + index);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM due")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void hibernateAll() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    AgentTestKit.hibernateIdle(agents).await();
    while (agents.liveInstances() != 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
      AgentTestKit.hibernateIdle(agents).await();
    }
  }
}
