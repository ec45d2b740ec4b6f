package io.tributary.schedule;

import io.tributary.errors.ErrorActions;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retention: resolved errors older than the configured days are purged, at most once an hour. */
public final class Housekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  private final ErrorActions errors;
  private final int resolvedRetentionDays;
  private volatile Instant lastRun = Instant.EPOCH;

  /** {@code resolvedRetentionDays} 0 keeps resolved errors until they are purged by hand. */
  public Housekeeping(ErrorActions errors, int resolvedRetentionDays) {
    this.errors = errors;
    this.resolvedRetentionDays = resolvedRetentionDays;
  }

  void run(Instant now) {
    if (resolvedRetentionDays <= 0 || Duration.between(lastRun, now).toHours() < 1) return;
    lastRun = now;
    int purged =
        errors.purgeResolvedBefore(
            now.minus(Duration.ofDays(resolvedRetentionDays)).toEpochMilli());
    if (purged > 0)
      LOG.info("purged {} errors resolved more than {} days ago", purged, resolvedRetentionDays);
  }
}
