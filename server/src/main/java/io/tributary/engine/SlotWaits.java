package io.tributary.engine;

import io.tributary.adaptors.AdaptorException;
import java.time.Clock;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The waits of a job for a connection slot: each ends within 100 ms of the job being canceled (or
 * its thread interrupted), with a CANCELED failure.
 */
record SlotWaits(BooleanSupplier canceled, Clock clock) {
  private static final long CHECK_MILLIS = 100;

  /** One of this node's permits for the connection. */
  void permit(Semaphore permits) {
    try {
      while (!permits.tryAcquire(CHECK_MILLIS, TimeUnit.MILLISECONDS)) checkCanceled();
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /** Until the connection's pause (a 429's Retry-After) is over. */
  void pauseOf(ConnectionThrottles.Slots slots) {
    long wait;
    while ((wait = slots.pausedUntil - clock.millis()) > 0) sleep(wait);
  }

  /** Sleeps up to {@code millis}, and less if the job is canceled meanwhile. */
  void sleep(long millis) {
    checkCanceled();
    try {
      Thread.sleep(Math.min(millis, CHECK_MILLIS));
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  void checkCanceled() {
    if (canceled.getAsBoolean()) {
      throw new AdaptorException(
          AdaptorException.Kind.CANCELED, "canceled", "the job was canceled");
    }
  }

  private static AdaptorException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new AdaptorException(
        AdaptorException.Kind.CANCELED,
        "canceled",
        "interrupted while waiting for a connection slot");
  }
}
