package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.Throttle;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Connections are the throttle: at most {@code concurrencyLevel} requests in flight per connection
 * across every running job, and a 429's pause applies to all of them.
 */
public final class ConnectionThrottles {
  private static final int HTTP_DEFAULT = 25;
  private static final int RDBMS_DEFAULT = 5;
  private final ConcurrentHashMap<String, Slots> byConnection = new ConcurrentHashMap<>();
  private final Clock clock;

  public ConnectionThrottles(Clock clock) {
    this.clock = clock;
  }

  /** The throttle a job uses for a connection; waiting for a slot ends when the job is canceled. */
  public Throttle forJob(String connectionId, ObjectNode connection, BooleanSupplier canceled) {
    return forJob(connectionId, level(connection), canceled);
  }

  /** As above, with the connection's level worked out beforehand (a run plan reads it once). */
  Throttle forJob(String connectionId, int level, BooleanSupplier canceled) {
    Slots slots = byConnection.compute(connectionId, (id, old) -> old != null && old.level == level ? old : new Slots(level));
    return new JobThrottle(slots, canceled, clock);
  }

  static int level(ObjectNode connection) {
    String type = connection.path("type").asText("");
    int fallback = type.equals("rdbms") ? RDBMS_DEFAULT : HTTP_DEFAULT;
    int level = connection.path(type).path("concurrencyLevel").asInt(fallback);
    return Math.max(1, level);
  }

  private static final class Slots {
    final int level;
    final Semaphore semaphore;
    volatile long pausedUntil;

    Slots(int level) {
      this.level = level;
      this.semaphore = new Semaphore(level, true);
    }
  }

  private record JobThrottle(Slots slots, BooleanSupplier canceled, Clock clock) implements Throttle {
    @Override
    public Slot acquire() {
      try {
        while (!slots.semaphore.tryAcquire(100, TimeUnit.MILLISECONDS)) checkCanceled();
        long wait;
        while ((wait = slots.pausedUntil - clock.millis()) > 0) {
          checkCanceled();
          Thread.sleep(Math.min(wait, 100));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AdaptorException(AdaptorException.Kind.CANCELED, "canceled", "interrupted while waiting for a connection slot");
      }
      return slots.semaphore::release;
    }

    @Override
    public void pauseUntil(long epochMillis) {
      slots.pausedUntil = Math.max(slots.pausedUntil, epochMillis);
    }

    private void checkCanceled() {
      if (canceled.getAsBoolean()) {
        throw new AdaptorException(AdaptorException.Kind.CANCELED, "canceled", "the job was canceled");
      }
    }
  }
}
