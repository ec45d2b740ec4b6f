package io.tributary.engine;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.Throttle;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's throttle for a connection when nodes share it (D26): a request first takes one of this
 * node's {@code level} permits, so a node never asks the database for more slots than the level,
 * then leases a slot of the cluster. While none is free it polls with a growing backoff (2 to 50
 * ms, jittered so nodes do not poll in step); a pause read with the lease attempt is waited out
 * before the next.
 */
record ClusterThrottle(
    String connectionId, ConnectionThrottles.Slots slots, ClusterSlots cluster, SlotWaits waits)
    implements Throttle {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterThrottle.class);
  private static final long FIRST_BACKOFF_MILLIS = 2;
  private static final long MAX_BACKOFF_MILLIS = 50;

  @Override
  public Slot acquire() {
    waits.permit(slots.semaphore);
    try {
      ClusterSlots.Taken taken = lease();
      return () -> {
        try {
          cluster.give(connectionId, taken);
        } catch (RuntimeException e) { // not renewed any more: the lease expires
          LOG.warn(
              "connection {}: could not free slot {}: {}",
              connectionId,
              taken.slot(),
              e.getMessage());
        } finally {
          slots.semaphore.release();
        }
      };
    } catch (RuntimeException e) {
      slots.semaphore.release();
      throw e;
    }
  }

  private ClusterSlots.Taken lease() {
    try {
      if (!slots.prepared) {
        cluster.prepare(connectionId, slots.level);
        slots.prepared = true;
      }
      long backoff = FIRST_BACKOFF_MILLIS;
      while (true) {
        waits.pauseOf(slots);
        ClusterSlots.Taken taken = cluster.take(connectionId, slots.level, waits.clock().millis());
        if (taken.leased()) return taken;
        if (taken.pausedUntil() > 0) {
          slots.pausedUntil = Math.max(slots.pausedUntil, taken.pausedUntil());
        } else {
          waits.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
      }
    } catch (org.jdbi.v3.core.JdbiException e) {
      throw new AdaptorException(
          AdaptorException.Kind.TRANSIENT,
          "cluster_slots_unavailable",
          "the connection's slots in the cluster store could not be reached: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void pauseUntil(long epochMillis) {
    slots.pausedUntil = Math.max(slots.pausedUntil, epochMillis);
    try {
      cluster.pause(connectionId, epochMillis);
    } catch (RuntimeException e) { // this node still waits; the others may not
      LOG.warn("connection {}: could not share a pause: {}", connectionId, e.getMessage());
    }
  }
}
