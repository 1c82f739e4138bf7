package dev.agentbus.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the two thread hand-offs of a frame cost: an event loop hands a task to an instance's
 * virtual-thread context, which hands the answer back to the event loop, one at a time (as a
 * sequential RPC does) and 64 at a time. The same loop with both steps on the event loop is the
 * floor. A third loop runs the work on a virtual thread <em>carried by the event loop</em> (its
 * scheduler is the event loop's task queue, through the JDK's hidden builder, which needs {@code
 * --add-opens java.base/java.lang=ALL-UNNAMED}): what the hand-offs would cost if instances'
 * virtual threads ran on their sockets' event loops. Prints round trips per second and process CPU
 * per round trip. Run with {@code ./agentbus bench handoff}.
 */
public final class HandOffBenchmark {

  private static final int ROUNDS = 200_000;

  private HandOffBenchmark() {}

  /**
   * Runs the measure and prints its figures.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    Context eventLoop = deployedContext(vertx, ThreadingModel.EVENT_LOOP);
    Context virtual = deployedContext(vertx, ThreadingModel.VIRTUAL_THREAD);
    System.out.println("# Hand-off benchmark");
    System.out.println();
    Report.environment();
    System.out.println("| loop | round trips/s | process CPU µs per round trip |");
    System.out.println("| --- | --- | --- |");
    for (int pass = 0; pass < 2; pass++) {
      boolean print = pass == 1; // the first pass warms the JIT up
      measure(print, "event loop only, sequential", eventLoop, eventLoop, 1);
      measure(print, "event loop → virtual thread → event loop, sequential", eventLoop, virtual, 1);
      measure(print, "event loop only, 64 in flight", eventLoop, eventLoop, 64);
      measure(
          print, "event loop → virtual thread → event loop, 64 in flight", eventLoop, virtual, 64);
      carried(print, eventLoop);
    }
    vertx.close().await();
  }

  private static Context deployedContext(Vertx vertx, ThreadingModel model) {
    AtomicReference<Context> made = new AtomicReference<>();
    vertx
        .deployVerticle(
            new VerticleBase() {
              @Override
              public io.vertx.core.Future<?> start() {
                made.set(context);
                return io.vertx.core.Future.succeededFuture();
              }
            },
            new DeploymentOptions().setThreadingModel(model))
        .await();
    return made.get();
  }

  private static void measure(
      boolean print, String label, Context origin, Context worker, int inFlight) {
    Promise<Void> done = Promise.promise();
    long[] remaining = {ROUNDS};
    long[] finished = {0};
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    Runnable[] round = new Runnable[1];
    round[0] =
        () ->
            worker.runOnContext(
                work ->
                    origin.runOnContext(
                        back -> {
                          if (++finished[0] == ROUNDS) {
                            done.complete();
                          } else if (remaining[0]-- > 0) {
                            round[0].run();
                          }
                        }));
    origin.runOnContext(
        first -> {
          for (int i = 0; i < inFlight; i++) {
            remaining[0]--;
            round[0].run();
          }
        });
    done.future().await();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / ROUNDS;
    if (print) {
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f |%n", label, ROUNDS / seconds, cpuMicros);
    }
  }

  /**
   * The sequential loop with the work on a virtual thread whose carrier is the event loop itself:
   * the thread parks while idle and is unparked for each task, and no other thread wakes.
   */
  private static void carried(boolean print, Context eventLoop) {
    String label = "event loop → virtual thread carried by the event loop → event loop, sequential";
    Thread.Builder.OfVirtual builder;
    try {
      java.lang.reflect.Constructor<?> hidden =
          Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
              .getDeclaredConstructor(java.util.concurrent.Executor.class);
      hidden.setAccessible(true);
      java.util.concurrent.Executor onLoop = task -> eventLoop.runOnContext(v -> task.run());
      builder = (Thread.Builder.OfVirtual) hidden.newInstance(onLoop);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (print) {
        System.out.println("| " + label + " | n/a: " + e.getMessage() + " | |");
      }
      return;
    }
    java.util.concurrent.ConcurrentLinkedQueue<Runnable> inbox =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    Thread worker =
        builder.unstarted(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                Runnable task = inbox.poll();
                if (task == null) {
                  java.util.concurrent.locks.LockSupport.park();
                } else {
                  task.run();
                }
              }
            });
    Promise<Void> done = Promise.promise();
    long[] finished = {0};
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    Runnable[] round = new Runnable[1];
    round[0] =
        () -> {
          inbox.add(
              () ->
                  eventLoop.runOnContext(
                      back -> {
                        if (++finished[0] == ROUNDS) {
                          done.complete();
                        } else {
                          round[0].run();
                        }
                      }));
          java.util.concurrent.locks.LockSupport.unpark(worker);
        };
    eventLoop.runOnContext(
        first -> {
          worker.start();
          round[0].run();
        });
    done.future().await();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / ROUNDS;
    worker.interrupt();
    if (print) {
      System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f |%n", label, ROUNDS / seconds, cpuMicros);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
