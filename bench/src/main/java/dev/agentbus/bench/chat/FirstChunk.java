package dev.agentbus.bench.chat;

import dev.agentbus.bench.Figure;
import dev.agentbus.bench.Latencies;
import dev.agentbus.bench.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 3: the time to first chunk that AgentBus adds. For each turn: request sent → first
 * text-delta frame read (the client's clock), minus the model's own time to first byte (request's
 * head read → first delta written, at the fake model, whose first delta goes at once); the two
 * halves are shown too: request sent → model request arrived, and first delta written → its frame
 * read. Turns of 3 deltas 1 ms apart over 20 warmed instances, one at a time, then 8 at a time.
 */
final class FirstChunk {

  private static final int INSTANCES = 20;
  private static final int CONCURRENT = 8;

  private final ChatBenchmark.Bench bench;

  FirstChunk(ChatBenchmark.Bench bench) {
    this.bench = bench;
  }

  /** The figures of one sample set. */
  private record Samples(Latencies added, Latencies inbound, Latencies outbound, Latencies model) {}

  List<Figure> run(int samples) throws Exception {
    List<ChatSocket> sockets = bench.open("ttfc-", INSTANCES);
    Turns.run(sockets, 3, 1000, 0); // each instance's first turn: its file, the model connection
    measure(sockets, 1, samples / 2); // warm-up
    Report.progress("3. time to first chunk: " + samples + " turns one at a time");
    Samples sequential = measure(sockets, 1, samples);
    Report.progress("3. time to first chunk: " + samples + " turns, " + CONCURRENT + " at a time");
    Samples concurrent = measure(sockets, CONCURRENT, samples);
    for (ChatSocket socket : sockets) {
      socket.close();
    }
    String one = "3. Time to first chunk added by AgentBus, " + samples + " turns one at a time";
    String some = "3. The same, " + CONCURRENT + " turns at a time";
    return List.of(
        Figure.goal(
            one + ": p50",
            Latencies.millis(sequential.added().percentileMillis(50)),
            "< 2 ms",
            sequential.added().percentileMillis(50) < 2),
        Figure.info(one + ": all", sequential.added().summary()),
        Figure.info(
            one
                + ": request sent → model request arrived; model's first delta written → frame"
                + " read (p50)",
            Latencies.millis(sequential.inbound().percentileMillis(50))
                + "; "
                + Latencies.millis(sequential.outbound().percentileMillis(50))),
        Figure.info(
            one + ": the model's own time to first byte (p50, subtracted)",
            Latencies.millis(sequential.model().percentileMillis(50))),
        Figure.info(some + ": added", concurrent.added().summary()));
  }

  /** Runs {@code samples} turns, {@code parallel} at a time over the sockets. */
  private Samples measure(List<ChatSocket> sockets, int parallel, int samples) throws Exception {
    long[] added = new long[samples];
    long[] inbound = new long[samples];
    long[] outbound = new long[samples];
    long[] model = new long[samples];
    int done = 0;
    int next = 0;
    while (done < samples) {
      List<ChatSocket.Turn> batch = new ArrayList<>();
      for (int i = 0; i < parallel && done + i < samples; i++) {
        ChatSocket socket = sockets.get(next++ % sockets.size());
        String id = Turns.newId();
        batch.add(socket.send(id, FakeModel.directive(id, 3, 1000, 0), 3));
      }
      for (ChatSocket.Turn turn : batch) {
        turn.done.future().await(30, TimeUnit.SECONDS);
        long[] firstByte = bench.model().firstByte(turn.id);
        long firstFrame = turn.tally.firstDeltaNanos();
        if (firstByte == null || firstFrame == 0 || !turn.tally.exactlyOnceInOrder()) {
          throw new IllegalStateException(
              "turn " + turn.id + " went wrong: " + turn.tally + " " + turn.errorText);
        }
        model[done] = firstByte[1] - firstByte[0];
        added[done] = firstFrame - turn.sentNanos - model[done];
        inbound[done] = firstByte[0] - turn.sentNanos;
        outbound[done] = firstFrame - firstByte[1];
        done++;
      }
    }
    return new Samples(
        new Latencies(added, 1),
        new Latencies(inbound, 1),
        new Latencies(outbound, 1),
        new Latencies(model, 1));
  }
}
