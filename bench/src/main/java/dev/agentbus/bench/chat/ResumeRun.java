package dev.agentbus.bench.chat;

import dev.agentbus.bench.Figure;
import dev.agentbus.bench.Latencies;
import dev.agentbus.bench.Report;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Scenario 4: resuming a reply mid-stream. One socket asks for a reply of {@code chunks} deltas
 * (0.5 ms apart, then the model holds the stream open 1.5 s before it finishes); once it has read
 * them all, a second socket connects to the same instance, does the handshake as the hook does (it
 * notes the {@code cf_agent_stream_resuming} sent on connect, sends {@code
 * cf_agent_stream_resume_request} with a probe id, takes the {@code _resuming} answer, sends {@code
 * cf_agent_stream_resume_ack}) and reads the replay. Measured: ack sent → replay-complete frame
 * read; checked: the second socket sees every seq of the turn once, replayed then live.
 */
final class ResumeRun {

  private static final int WARM_UP_RUNS = 2;
  private static final int RUNS = 8;
  private static final long INTERVAL_MICROS = 500;
  private static final long TAIL_MILLIS = 1500;
  private static final String RESUMING = "cf_agent_stream_resuming";

  private final ChatBenchmark.Bench bench;

  ResumeRun(ChatBenchmark.Bench bench) {
    this.bench = bench;
  }

  List<Figure> run(int chunks) throws Exception {
    ChatSocket owner = bench.open("resume-0", frame -> {});
    Turns.run(List.of(owner), 3, 1000, 0); // the instance's file, the model connection
    String label =
        String.format(
            Locale.ROOT,
            "4. Resume: a reply of %,d text deltas, %d runs after %d to warm up",
            chunks,
            RUNS,
            WARM_UP_RUNS);
    List<Long> replays = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int connectOffers = 0;
    int replayedFrames = 0;
    int runs = 0;
    for (int run = 0; run < WARM_UP_RUNS + RUNS && problems.isEmpty(); run++) {
      runs++;
      String id = Turns.newId();
      ChatSocket.Turn live =
          owner.send(id, FakeModel.directive(id, chunks, INTERVAL_MICROS, TAIL_MILLIS), chunks);
      if (!waitFor(() -> live.tally.deltas() >= chunks, chunks * INTERVAL_MICROS / 1000 + 30_000)) {
        problems.add("the owner got " + live.tally + " in time");
        break;
      }
      BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
      ChatSocket late = bench.open("resume-0", frames::add);
      JsonObject offer = frames.poll(1, TimeUnit.SECONDS);
      if (offer != null && RESUMING.equals(offer.getString("type"))) {
        connectOffers++;
      }
      String probe = "probe" + run;
      late.write(
          new JsonObject().put("type", "cf_agent_stream_resume_request").put("probeId", probe));
      JsonObject answer = offer != null && probe.equals(offer.getString("probeId")) ? offer : null;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (answer == null && System.nanoTime() < until) {
        JsonObject frame = frames.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (frame != null && probe.equals(frame.getString("probeId"))) {
          answer = frame;
        }
      }
      if (answer == null || !RESUMING.equals(answer.getString("type"))) {
        problems.add(
            answer == null
                ? "no answer to cf_agent_stream_resume_request in 5 s (connect-time offer: "
                    + (offer == null ? "none" : offer.encode())
                    + "): the node has no resume handshake"
                : "the probe was answered " + answer.encode());
      } else if (!id.equals(answer.getString("id"))) {
        problems.add("the probe was answered for another turn: " + answer.encode());
      } else {
        ChatSocket.Turn replayed = late.watch(id, chunks);
        long ack = System.nanoTime();
        late.write(new JsonObject().put("type", "cf_agent_stream_resume_ack").put("id", id));
        if (!waitFor(() -> replayed.replayCompleteNanos != 0 || replayed.endNanos != 0, 30_000)) {
          problems.add("no replay-complete frame in 30 s: " + replayed.tally);
        } else if (replayed.replayCompleteNanos == 0) {
          problems.add("the turn ended before the replay completed: " + replayed.tally);
        } else {
          replays.add(replayed.replayCompleteNanos - ack);
          replayedFrames = replayed.replayedFrames;
        }
        // both terminal frames first: the two sockets read on different event loops
        if (!ended(replayed)) {
          problems.add("the late socket got no terminal frame in 60 s: " + replayed.tally);
        } else if (!ended(live)) {
          problems.add("the owner got no terminal frame in 60 s: " + live.tally);
        } else if (!replayed.tally.exactlyOnceInOrder()
            || replayed.tally.nextSeq() != live.tally.nextSeq()) {
          problems.add(
              "the late socket got " + replayed.tally + ", the owner " + live.tally.nextSeq());
        }
      }
      if (problems.isEmpty() && !ended(live)) {
        problems.add("the owner got no terminal frame in 60 s: " + live.tally);
      }
      late.close();
      Report.progress(
          label
              + ", run "
              + (run + 1)
              + (run < WARM_UP_RUNS ? " (warm-up)" : "")
              + ": "
              + (replays.size() > run
                  ? Latencies.millis(replays.get(run) / 1e6) + " to replay"
                  : problems.get(problems.size() - 1)));
    }
    owner.close();
    Latencies times =
        new Latencies(replays.stream().skip(WARM_UP_RUNS).mapToLong(Long::longValue).toArray(), 1);
    List<Figure> figures = new ArrayList<>();
    figures.add(
        Figure.goal(
            label + ": ack sent → replay-complete frame read",
            times.count() == 0
                ? "not measured: " + problems.get(0)
                : times.summary() + " (" + replayedFrames + " frames replayed each)",
            "< 100 ms",
            times.count() > 0 && times.percentileMillis(50) < 100));
    figures.add(
        Figure.goal(
            label + ": the late socket got every seq once, replayed then live",
            problems.isEmpty() ? "yes, every run" : String.join("; ", problems),
            "all",
            problems.isEmpty()));
    figures.add(
        Figure.info(
            label + ": runs whose late socket was offered the stream on connect",
            connectOffers + " of " + runs));
    return figures;
  }

  private static boolean ended(ChatSocket.Turn turn) {
    try {
      turn.done.future().await(60, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  private static boolean waitFor(BooleanSupplier condition, long timeoutMillis)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }
}
