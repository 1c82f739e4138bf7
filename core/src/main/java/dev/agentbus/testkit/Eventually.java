package dev.agentbus.testkit;

import java.time.Duration;

/**
 * Waits for an assertion to hold, for tests whose outcome arrives on another thread and that have
 * no event to wait on. Prefer waiting on an event (a future, a message, a latch); where there is
 * none, this is the one polling loop a test should use.
 *
 * <pre>{@code
 * eventually(Duration.ofSeconds(5), () -> assertEquals(0, agents.liveInstances()));
 * }</pre>
 */
public final class Eventually {

  private static final long PAUSE_MS = 5;

  /** An assertion that may throw anything. */
  @FunctionalInterface
  public interface Check {
    /**
     * Checks the expectation once.
     *
     * @throws Throwable if the expectation does not hold yet
     */
    void run() throws Throwable;
  }

  private Eventually() {}

  /**
   * Runs {@code check} until it passes or the time is up.
   *
   * @param timeout how long to keep trying
   * @param check the assertion
   * @throws AssertionError the check's last failure, if it never passed in time
   */
  public static void eventually(Duration timeout, Check check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (Throwable failure) {
        if (System.nanoTime() > deadline) {
          AssertionError error =
              new AssertionError("Still failing after " + timeout.toMillis() + " ms: " + failure);
          error.initCause(failure);
          throw error;
        }
      }
      try {
        Thread.sleep(PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting", e);
      }
    }
  }

  /**
   * Like {@link #eventually(Duration, Check)}, trying for 10 seconds.
   *
   * @param check the assertion
   */
  public static void eventually(Check check) {
    eventually(Duration.ofSeconds(10), check);
  }
}
