package io.tributary.adaptors.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits between retries. Injected so tests can count back-offs instead of waiting for them. */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration}, returning early once {@code canceled} answers true. */
  void sleep(Duration duration, BooleanSupplier canceled) throws InterruptedException;

  /** Sleeps in short slices so that a canceled job does not sit out a long Retry-After. */
  Sleeper REAL =
      (duration, canceled) -> {
        long end = System.nanoTime() + duration.toNanos();
        while (!canceled.getAsBoolean()) {
          long left = end - System.nanoTime();
          if (left <= 0) return;
          Thread.sleep(Duration.ofNanos(Math.min(left, 100_000_000L)));
        }
      };
}
