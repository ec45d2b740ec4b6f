package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.Throttle;
import io.tributary.store.Database;
import io.tributary.testing.MutableClock;
import io.tributary.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection's level and pauses across nodes (D26): two {@link ConnectionThrottles}, each with a
 * pool and a node id of its own, on one PostgreSQL schema, as two nodes of a cluster are.
 */
class ClusterSlotsPostgresIT {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final String CONNECTION = "c0000000000000000000000a";
  private final MutableClock leaseClock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final List<Database> pools = new ArrayList<>();
  private TestDatabase db;

  @BeforeEach
  void schema() {
    db = TestDatabase.postgres();
  }

  @AfterEach
  void drop() {
    pools.forEach(Database::close);
    db.drop();
  }

  private ClusterSlots slots(String node) {
    Database pool = Database.open(db.url(), db.user(), db.password(), db.schema());
    pools.add(pool);
    return new ClusterSlots(pool.jdbi(), node, leaseClock, LEASE);
  }

  private static ConnectionThrottles node(ClusterSlots slots, Clock clock) {
    return new ConnectionThrottles(clock, RunObserver.NONE, slots);
  }

  /** A job canceled after its {@code n}th look: a wait that does not end on its own ends so. */
  private static BooleanSupplier canceledAfter(int n) {
    AtomicInteger looks = new AtomicInteger();
    return () -> looks.incrementAndGet() > n;
  }

  private static void assertWaitsUntilCanceled(Throttle throttle) {
    assertThatThrownBy(throttle::acquire)
        .isInstanceOf(AdaptorException.class)
        .extracting(e -> ((AdaptorException) e).kind())
        .isEqualTo(AdaptorException.Kind.CANCELED);
  }

  @Test
  void twoNodesTogetherNeverExceedTheLevel() throws Exception {
    int level = 3;
    int threads = 8;
    int requests = 25;
    List<ConnectionThrottles> nodes =
        List.of(node(slots("node-a"), Clock.systemUTC()), node(slots("node-b"), Clock.systemUTC()));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (ConnectionThrottles n : nodes) {
        for (int t = 0; t < threads; t++) {
          Throttle throttle = n.forJob(CONNECTION, level, () -> false);
          all.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < requests; i++) {
                      try (Throttle.Slot slot = throttle.acquire()) {
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.sleep(2);
                        inFlight.decrementAndGet();
                      }
                      done.incrementAndGet();
                    }
                    return null;
                  }));
        }
      }
      for (Future<?> f : all) f.get(120, TimeUnit.SECONDS);
    }
    assertThat(done.get()).isEqualTo(2 * threads * requests);
    assertThat(most.get()).as("most requests in flight over both nodes").isLessThanOrEqualTo(level);
  }

  @Test
  void aPauseSetOnOneNodeHoldsRequestsOnTheOther() {
    MutableClock now = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    ConnectionThrottles a = node(slots("node-a"), now);
    ConnectionThrottles b = node(slots("node-b"), now);
    try (Throttle.Slot slot = b.forJob(CONNECTION, 2, () -> false).acquire()) {
      // b knew no pause: it leased a slot
    }
    a.forJob(CONNECTION, 2, () -> false).pauseUntil(now.millis() + 60_000);
    a.forJob(CONNECTION, 2, () -> false).pauseUntil(now.millis() + 5_000); // the later one holds

    assertWaitsUntilCanceled(b.forJob(CONNECTION, 2, canceledAfter(5)));
    now.advance(Duration.ofSeconds(59));
    assertWaitsUntilCanceled(b.forJob(CONNECTION, 2, canceledAfter(5)));
    now.advance(Duration.ofSeconds(1));
    try (Throttle.Slot slot = b.forJob(CONNECTION, 2, canceledAfter(5)).acquire()) {
      // the pause is over
    }
  }

  @Test
  void aDeadNodesSlotsComeBackWhenItsLeasesExpire() {
    ClusterSlots leasesOfA = slots("node-a");
    ConnectionThrottles a = node(leasesOfA, Clock.systemUTC());
    ConnectionThrottles b = node(slots("node-b"), Clock.systemUTC());
    a.forJob(CONNECTION, 2, () -> false).acquire(); // never closed: node a dies holding both
    a.forJob(CONNECTION, 2, () -> false).acquire();
    assertWaitsUntilCanceled(b.forJob(CONNECTION, 2, canceledAfter(5)));

    leasesOfA.renew(); // a lives on for a while, renewing its leases on its heartbeat
    leaseClock.advance(LEASE.minusSeconds(1));
    leasesOfA.renew();
    leaseClock.advance(Duration.ofSeconds(2)); // past the first lease, not the renewed one
    assertWaitsUntilCanceled(b.forJob(CONNECTION, 2, canceledAfter(5)));

    leaseClock.advance(LEASE); // then a is silent for longer than a lease: it is dead
    Throttle.Slot one = b.forJob(CONNECTION, 2, canceledAfter(5)).acquire();
    Throttle.Slot two = b.forJob(CONNECTION, 2, canceledAfter(5)).acquire();
    one.close();
    two.close();
  }

  @Test
  void aCleanStopFreesTheNodesSlotsAtOnce() {
    ClusterSlots leasesOfA = slots("node-a");
    ConnectionThrottles b = node(slots("node-b"), Clock.systemUTC());
    node(leasesOfA, Clock.systemUTC()).forJob(CONNECTION, 1, () -> false).acquire();
    assertWaitsUntilCanceled(b.forJob(CONNECTION, 1, canceledAfter(5)));
    leasesOfA.close();
    b.forJob(CONNECTION, 1, canceledAfter(5)).acquire().close();
  }

  @Test
  void aLevelChangedWhileSlotsAreLeasedHandsOutOnlyTheNewLevel() {
    ConnectionThrottles a = node(slots("node-a"), Clock.systemUTC());
    ConnectionThrottles b = node(slots("node-b"), Clock.systemUTC());
    List<Throttle.Slot> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) held.add(a.forJob(CONNECTION, 3, () -> false).acquire());

    // Lowered to 1: slot 0 is the only one, and it is leased.
    assertWaitsUntilCanceled(b.forJob(CONNECTION, 1, canceledAfter(5)));
    held.get(2).close(); // slot 2 is free again, but above the new level
    assertWaitsUntilCanceled(b.forJob(CONNECTION, 1, canceledAfter(5)));
    held.get(0).close();
    Throttle.Slot atOne = b.forJob(CONNECTION, 1, canceledAfter(5)).acquire();

    // Raised to 4: slots 2 and 3 are free.
    Throttle.Slot first = a.forJob(CONNECTION, 4, canceledAfter(5)).acquire();
    Throttle.Slot second = a.forJob(CONNECTION, 4, canceledAfter(5)).acquire();
    assertWaitsUntilCanceled(a.forJob(CONNECTION, 4, canceledAfter(5)));
    for (Throttle.Slot s : List.of(atOne, first, second, held.get(1))) s.close();
  }
}
