package dev.agentbus.bench;

import static dev.agentbus.bench.Latencies.millis;
import static dev.agentbus.bench.Latencies.rate;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
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
      figures.addAll(bench.steadyRate());
      figures.addAll(bench.burst());
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

  /** Measure 1: one-shot schedules due at a steady 5,000/s, over 4,000 live instances. */
  List<Figure> steadyRate() throws InterruptedException {
    Report.progress("steady: warming up " + LIVE_INSTANCES + " instances (files, JIT)");
    FiringRecorder warm = record(LIVE_INSTANCES * 2);
    long soon = System.currentTimeMillis() + 2_000;
    plan("live-", LIVE_INSTANCES, soon, 1, 2);
    warm.awaitCount(LIVE_INSTANCES * 2, 60_000);

    int total = STEADY_RATE * STEADY_SECONDS;
    int perInstance = total / LIVE_INSTANCES;
    long stepNanos = 1_000_000_000L / STEADY_RATE;
    // instance i fires at first + (i + k * LIVE_INSTANCES) / STEADY_RATE seconds, k =
    // 0..perInstance
    long first = System.currentTimeMillis() + 5_000;
    FiringRecorder recorder = record(total);
    Report.progress(
        "steady: planning " + total + " schedules, due from +5 s at " + STEADY_RATE + "/s");
    InFlight.run(
        vertx,
        LIVE_INSTANCES,
        CONCURRENCY,
        i ->
            agents
                .get(ScheduleBenchAgent.class, "live-" + i)
                .call(
                    "plan",
                    first + i * stepNanos / 1_000_000,
                    LIVE_INSTANCES * stepNanos / 1_000_000,
                    perInstance));
    long planned = System.currentTimeMillis();
    if (planned > first) {
      Report.progress(
          "steady: WARNING planning ended " + (planned - first) + " ms after the start");
    }
    if (!recorder.awaitCount(total, 120_000)) {
      throw new IllegalStateException("only " + recorder.count() + " of " + total + " fired");
    }
    Latencies lags = recorder.lags();
    Report.progress("steady: " + rate(lags.perSecond(), "firings/s") + ", lag " + lags.summary());
    String label =
        "1. Steady firing: "
            + String.format("%,d", total)
            + " one-shots due at "
            + String.format("%,d", STEADY_RATE)
            + "/s over "
            + String.format("%,d", LIVE_INSTANCES)
            + " live instances";
    return List.of(
        Figure.goal(
            label + ": firings/s",
            rate(lags.perSecond(), "firings/s"),
            "≥ 5,000 /s",
            lags.perSecond() >= 4_950),
        Figure.goal(
            label + ": lag p99 (callback start − due time)",
            millis(lags.percentileMillis(99)),
            "< 20 ms",
            lags.percentileMillis(99) < 20),
        Figure.info(
            label + ": lag p50 / max",
            millis(lags.percentileMillis(50)) + " / " + millis(lags.maxMillis())));
  }

  /** Measure 2: every live instance has schedules due at the same instant; how fast they drain. */
  List<Figure> burst() throws InterruptedException {
    int total = LIVE_INSTANCES * BURST_PER_INSTANCE;
    FiringRecorder recorder = record(total);
    long due = System.currentTimeMillis() + 5_000;
    Report.progress("burst: " + total + " schedules due at the same instant");
    InFlight.run(
        vertx,
        LIVE_INSTANCES,
        CONCURRENCY,
        i ->
            agents
                .get(ScheduleBenchAgent.class, "live-" + i)
                .call("plan", due, 0L, BURST_PER_INSTANCE));
    if (!recorder.awaitCount(total, 120_000)) {
      throw new IllegalStateException("only " + recorder.count() + " of " + total + " fired");
    }
    Latencies lags = recorder.lags();
    Report.progress("burst: " + rate(lags.perSecond(), "firings/s") + ", lag " + lags.summary());
    return List.of(
        Figure.info(
            "2. Burst: "
                + String.format("%,d", total)
                + " schedules due at once over "
                + String.format("%,d", LIVE_INSTANCES)
                + " live instances: firings/s (first to last)",
            rate(lags.perSecond(), "firings/s")),
        Figure.info("2. Burst: time from due to the last firing", millis(lags.maxMillis())));
  }

  /** Measure 3: hibernated instances woken by their schedules. */
  List<Figure> wakeAndFire() throws InterruptedException {
    Report.progress("wake: " + WAKE_INSTANCES + " instances, one schedule each, then hibernated");
    long due = System.currentTimeMillis() + 10_000;
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
    agents.hibernateIdle().await();
    while (agents.liveInstances() != 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
      agents.hibernateIdle().await();
    }
  }
}
