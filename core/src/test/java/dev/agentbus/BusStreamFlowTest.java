package dev.agentbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream called over the bus ({@link AgentRef#callStream}) runs at the pace of its caller's chunk
 * handler, is cancelled when that handler fails, and is cancelled by a shutdown that outlasts
 * {@code shutdownTimeoutMs}.
 */
class BusStreamFlowTest extends AgentBusTestBase {

  /** The most chunks a bus stream sends unacknowledged (InstanceVerticle.STREAM_WINDOW). */
  private static final int WINDOW = 64;

  static final AtomicLong SENT = new AtomicLong();
  static volatile Promise<String> cancelled = Promise.promise();

  public static class FloodAgent extends Agent<Void> {
    @Callable(streaming = true)
    public void countForever(StreamingResponse stream) {
      try {
        for (long i = 0; ; i++) {
          stream.send(i);
          SENT.incrementAndGet();
        }
      } catch (StreamCancelledException e) {
        cancelled.tryComplete(e.getMessage());
        throw e;
      }
    }

    @Callable
    public long sentSoFar() {
      return SENT.get();
    }
  }

  @Override
  AgentBusOptions options() {
    return super.options().setShutdownTimeoutMs(300);
  }

  @BeforeEach
  void register() {
    SENT.set(0);
    cancelled = Promise.promise();
    agents.register(FloodAgent.class);
  }

  private AgentRef flood() {
    return agents.get(FloodAgent.class, "f");
  }

  /** Calls {@code countForever} from a worker, whose chunk handler may block. */
  private Future<Object> callFromWorker(Handler<Object> onChunk) {
    Promise<Object> outcome = Promise.promise();
    VerticleBase caller =
        new VerticleBase() {
          @Override
          public Future<?> start() {
            flood().callStream("countForever", onChunk).onComplete(outcome);
            return Future.succeededFuture();
          }
        };
    vertx
        .deployVerticle(caller, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .await();
    return outcome.future();
  }

  @Test
  void theProducerWaitsWhileItsCallerHasAWindowOfChunksUnhandled() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong received = new AtomicLong();
    RuntimeException enough = new IllegalStateException("enough");
    Future<Object> outcome =
        callFromWorker(
            chunk -> {
              assertEquals(received.get(), ((Number) chunk).longValue(), "in order");
              if (received.incrementAndGet() == 1) {
                await(release);
              } else if (received.get() == 10_000) {
                throw enough;
              }
            });
    // answered only while the stream waits: a producer that never waits holds the instance
    long sent = flood().call(Long.class, "sentSoFar").await(10, TimeUnit.SECONDS);
    assertTrue(sent <= WINDOW, sent + " chunks sent while the caller handled none");

    release.countDown();
    Throwable failure = assertThrows(Exception.class, () -> outcome.await(10, TimeUnit.SECONDS));
    assertSame(enough, failure, "the call fails with what the chunk handler threw");
    assertTrue(
        cancelled.future().await(10, TimeUnit.SECONDS).startsWith("The caller of the stream"));
  }

  @Test
  void aShutdownCancelsAStreamStillRunningAfterTheShutdownTimeout() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    callFromWorker(chunk -> await(never));
    flood().call(Long.class, "sentSoFar").await(10, TimeUnit.SECONDS); // the stream waits
    agents.close().await(10, TimeUnit.SECONDS);
    assertEquals("The runtime is shutting down", cancelled.future().await(5, TimeUnit.SECONDS));
    never.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
