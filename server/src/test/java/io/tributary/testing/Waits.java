package io.tributary.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling waits that fail the test when what they wait for does not happen in time. */
public final class Waits {
  private static final long POLL_MILLIS = 20;

  private Waits() {}

  /**
   * Polls {@code poll} until {@code done} accepts its answer, and returns that answer; throws
   * AssertionError naming {@code what} and the last answer when {@code timeout} passes first.
   */
  public static <T> T until(String what, Duration timeout, Supplier<T> poll, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = poll.get();
    while (!done.test(last)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; last seen: "
                + last);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
      last = poll.get();
    }
    return last;
  }
}
