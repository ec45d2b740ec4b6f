package io.tributary.tokens;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A leaky bucket per API token: {@code burst} requests at once, refilled at {@code perSecond}. */
public final class RateLimiter {
  private final double burst;
  private final double perSecond;
  private final LongSupplier nanos;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(int burst, double perSecond, LongSupplier nanos) {
    if (burst < 1 || perSecond <= 0)
      throw new IllegalArgumentException("rate limit needs burst >= 1 and a positive rate");
    this.burst = burst;
    this.perSecond = perSecond;
    this.nanos = nanos;
  }

  /** Takes one request from the bucket: 0 when allowed, else the whole seconds to wait. */
  public long acquire(String key) {
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanos.getAsLong()));
    synchronized (b) {
      long now = nanos.getAsLong();
      b.level = Math.min(burst, b.level + (now - b.at) / 1e9 * perSecond);
      b.at = now;
      if (b.level >= 1) {
        b.level -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - b.level) / perSecond);
    }
  }

  private static final class Bucket {
    double level;
    long at;

    Bucket(double level, long at) {
      this.level = level;
      this.at = at;
    }
  }
}
