package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Adaptor;
import io.tributary.adaptors.AdaptorDescriptor;
import io.tributary.adaptors.Throttle;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * Connections are the throttle: at most {@code concurrencyLevel} requests in flight per connection
 * across every running job, and a 429's pause applies to all of them. Without a level of its own, a
 * connection gets its adaptor's declared default. On a store shared by a cluster the level and the
 * pauses hold across its nodes ({@link ClusterSlots}); alone, a node counts in memory.
 */
public final class ConnectionThrottles {
  private final ConcurrentHashMap<String, Slots> byConnection = new ConcurrentHashMap<>();
  private final Clock clock;
  private final RunObserver observer;
  private final ClusterSlots cluster; // null: this node is alone on its store

  public ConnectionThrottles(Clock clock) {
    this(clock, RunObserver.NONE, null);
  }

  /** {@code cluster}: the slots shared with other nodes, or null when the store is this node's. */
  public ConnectionThrottles(Clock clock, RunObserver observer, ClusterSlots cluster) {
    this.clock = clock;
    this.observer = observer;
    this.cluster = cluster;
  }

  /** The throttle a job uses for a connection; waiting for a slot ends when the job is canceled. */
  public Throttle forJob(
      String connectionId, ObjectNode connection, Adaptor adaptor, BooleanSupplier canceled) {
    return forJob(connectionId, level(connection, adaptor), canceled);
  }

  /** As above, with the connection's level worked out beforehand (a run plan reads it once). */
  Throttle forJob(String connectionId, int level, BooleanSupplier canceled) {
    Slots slots =
        byConnection.compute(
            connectionId, (id, old) -> old != null && old.level == level ? old : new Slots(level));
    SlotWaits waits = new SlotWaits(canceled, clock);
    Throttle throttle =
        cluster == null
            ? new JobThrottle(slots, waits)
            : new ClusterThrottle(connectionId, slots, cluster, waits);
    return observer == RunObserver.NONE
        ? throttle
        : new ObservedThrottle(throttle, connectionId, observer);
  }

  static int level(ObjectNode connection, Adaptor adaptor) {
    String type = connection.path("type").asText("");
    for (AdaptorDescriptor.ConnectionKind kind : adaptor.descriptor().connections()) {
      if (kind.type().equals(type)) {
        return Math.max(
            1,
            connection
                .path(kind.block())
                .path("concurrencyLevel")
                .asInt(kind.defaultConcurrency()));
      }
    }
    return Math.max(1, connection.path(type).path("concurrencyLevel").asInt(1));
  }

  /** Reports each request's connection, answer status and time in flight (from slot to release). */
  private record ObservedThrottle(Throttle inner, String connectionId, RunObserver observer)
      implements Throttle {
    @Override
    public Slot acquire() {
      Slot slot = inner.acquire();
      long start = System.nanoTime();
      return new Slot() {
        private int status = -1;

        @Override
        public void answered(int answer) {
          status = answer;
        }

        @Override
        public void close() {
          slot.close();
          observer.request(connectionId, status, System.nanoTime() - start);
        }
      };
    }

    @Override
    public void pauseUntil(long epochMillis) {
      inner.pauseUntil(epochMillis);
    }
  }

  /** This node's permits for a connection at one level, and the pause it knows of. */
  static final class Slots {
    final int level;
    final Semaphore semaphore;
    volatile long pausedUntil;
    volatile boolean prepared; // its cluster slot rows exist

    Slots(int level) {
      this.level = level;
      this.semaphore = new Semaphore(level, true);
    }
  }

  private record JobThrottle(Slots slots, SlotWaits waits) implements Throttle {
    @Override
    public Slot acquire() {
      waits.permit(slots.semaphore);
      try {
        waits.pauseOf(slots);
      } catch (RuntimeException e) {
        slots.semaphore.release();
        throw e;
      }
      return slots.semaphore::release;
    }

    @Override
    public void pauseUntil(long epochMillis) {
      slots.pausedUntil = Math.max(slots.pausedUntil, epochMillis);
    }
  }
}
