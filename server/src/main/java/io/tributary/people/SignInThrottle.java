package io.tributary.people;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins, counted per email and per client address over a sliding window: past the limit,
 * further attempts are refused (429) until the oldest failure leaves the window, right password or
 * not, so guessing is capped at a few tries per window. Kept in memory: each node counts its own.
 */
final class SignInThrottle {
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int PER_EMAIL = 5;
  static final int PER_ADDRESS = 20;
  private final Clock clock;
  private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  SignInThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds to wait before another attempt for this email from this address; 0 when allowed. */
  long waitSeconds(String email, String address) {
    return Math.max(wait("e:" + email, PER_EMAIL), wait("a:" + address, PER_ADDRESS));
  }

  void failed(String email, String address) {
    long now = clock.millis();
    for (String key : new String[] {"e:" + email, "a:" + address}) {
      Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
      synchronized (d) {
        d.addLast(now);
      }
    }
  }

  /**
   * A right password clears the email's failures (not the address's: one address may try many
   * emails).
   */
  void succeeded(String email) {
    failures.remove("e:" + email);
  }

  private long wait(String key, int limit) {
    Deque<Long> d = failures.get(key);
    if (d == null) return 0;
    long now = clock.millis();
    synchronized (d) {
      while (!d.isEmpty() && d.peekFirst() + WINDOW.toMillis() <= now) d.removeFirst();
      if (d.isEmpty()) failures.remove(key, d);
      if (d.size() < limit) return 0;
      return Math.max(1, (d.peekFirst() + WINDOW.toMillis() - now + 999) / 1000);
    }
  }
}
