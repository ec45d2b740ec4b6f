package io.tributary.adaptors.http;

import java.time.Duration;

/**
 * How patient the HTTP adaptor is. Immutable; the defaults serve production, tests shorten them.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for a response once the request is sent
 * @param maxRetries retries after a 5xx, a timeout or a failed connection (not counting the first
 *     try)
 * @param retryBaseDelay the first back-off; each further retry doubles it
 * @param maxRateLimitRetries retries after rate-limit answers before the call gives up as transient
 * @param maxRateLimitWait the longest Retry-After honoured: a larger one is cut to this
 * @param sleeper waits between retries
 */
public record HttpOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration retryBaseDelay,
    int maxRateLimitRetries,
    Duration maxRateLimitWait,
    Sleeper sleeper) {

  public static HttpOptions defaults() {
    return new HttpOptions(
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        3,
        Duration.ofMillis(500),
        10,
        Duration.ofMinutes(5),
        Sleeper.REAL);
  }

  /** The back-off before retry number {@code attempt} (1-based). */
  Duration backoff(int attempt) {
    return retryBaseDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
  }
}
