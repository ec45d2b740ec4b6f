package io.tributary.schedule;

import io.tributary.errors.ErrorActions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolved errors older than the configured days are purged at most once an hour; document files no
 * resource names any more are removed every five minutes (under sustained writes of large documents
 * they are most of the disk the store takes).
 */
public final class Housekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
  private final ErrorActions errors;
  private final int resolvedRetentionDays;
  private final IntSupplier sweepDocumentFiles;
  private volatile Instant lastRun = Instant.EPOCH;
  private volatile Instant lastSweep = Instant.EPOCH;

  /** {@code resolvedRetentionDays} 0 keeps resolved errors until they are purged by hand. */
  public Housekeeping(
      ErrorActions errors, int resolvedRetentionDays, IntSupplier sweepDocumentFiles) {
    this.errors = errors;
    this.resolvedRetentionDays = resolvedRetentionDays;
    this.sweepDocumentFiles = sweepDocumentFiles;
  }

  void run(Instant now) {
    if (Duration.between(lastSweep, now).toMinutes() >= 5) {
      lastSweep = now;
      int swept = sweepDocumentFiles.getAsInt();
      if (swept > 0) LOG.info("removed {} document files no resource names any more", swept);
    }
    if (resolvedRetentionDays <= 0 || Duration.between(lastRun, now).toHours() < 1) return;
    lastRun = now;
    int purged =
        errors.purgeResolvedBefore(
            now.minus(Duration.ofDays(resolvedRetentionDays)).toEpochMilli());
    if (purged > 0)
      LOG.info("purged {} errors resolved more than {} days ago", purged, resolvedRetentionDays);
  }
}
