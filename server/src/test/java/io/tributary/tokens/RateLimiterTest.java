package io.tributary.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void aBucketEmptiesAfterItsBurstAndRefillsAtItsRate() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(3, 2.0, now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(1);
    assertThat(limiter.acquire("b")).as("buckets are per key").isZero();
    now.addAndGet(500_000_000L); // half a second refills one request at 2/s
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(1);
    now.addAndGet(60_000_000_000L);
    for (int i = 0; i < 3; i++) assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).as("never above the burst").isEqualTo(1);
  }
}
