package io.tributary.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.Throttle;
import io.tributary.adaptors.http.HttpAdaptor;
import io.tributary.engine.ClusterSlots;
import io.tributary.engine.ConnectionThrottles;
import io.tributary.engine.RunObserver;
import io.tributary.store.Database;
import io.tributary.web.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a connection slot costs a request when a cluster shares it (D26): the time of a slot's
 * acquire and close, in memory (the embedded store's path) and through PostgreSQL's {@code
 * connection_slots}, against one {@code select 1} round trip through the same pool as the
 * reference. Then two nodes (two pools, two node ids) share a level-4 connection under 8 threads
 * each whose "requests" take 5 ms: the most in flight at once, and the throughput against the same
 * 16 threads on one node counting in memory.
 */
final class ThrottlesBench {
  private static final String PG_URL =
      System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("BENCH_PG_USER", "postgres");
  private static final String CONNECTION = "bench0000000000000000001";
  private final String schema = "bench_throttles_" + UUID.randomUUID().toString().substring(0, 8);
  private final ObjectNode connection =
      (ObjectNode) Json.read("{\"type\":\"http\",\"http\":{\"concurrencyLevel\":4}}");
  private final HttpAdaptor adaptor = new HttpAdaptor();

  void run(int requests) throws Exception {
    List<Database> pools = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) pools.add(Database.open(PG_URL, PG_USER, "", schema));
      ConnectionThrottles local = new ConnectionThrottles(Clock.systemUTC());
      List<ConnectionThrottles> nodes = new ArrayList<>();
      for (int i = 0; i < 2; i++)
        nodes.add(
            new ConnectionThrottles(
                Clock.systemUTC(),
                RunObserver.NONE,
                new ClusterSlots(
                    pools.get(i).jdbi(), "node" + i, Clock.systemUTC(), Duration.ofSeconds(30))));
      for (int round = 0; round < 3; round++) { // round 0 warms up
        double roundTrip = micros(requests, () -> selectOne(pools.get(0)));
        double inMemory = micros(requests, () -> slot(local));
        double shared = micros(requests, () -> slot(nodes.get(0)));
        System.out.printf(
            "round %d: select 1 %.1f us, slot in memory %.2f us, slot via PostgreSQL %.1f us"
                + " = %.2f x select 1%n",
            round, roundTrip, inMemory, shared, shared / roundTrip);
      }
      double reference = contended("1 node in memory", List.of(local, local), 200);
      contended("1 node via PostgreSQL", List.of(nodes.get(0), nodes.get(0)), 200);
      double shared = contended("2 nodes via PostgreSQL", nodes, 200);
      System.out.printf("throughput shared / in memory = %.2f%n", shared / reference);
      lateComer(nodes);
    } finally {
      pools.forEach(Database::close);
      try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "");
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private void slot(ConnectionThrottles throttles) {
    throttles.forJob(CONNECTION, connection, adaptor, () -> false).acquire().close();
  }

  private static void selectOne(Database db) {
    db.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
  }

  private static double micros(int n, Runnable r) {
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) r.run();
    return (System.nanoTime() - start) / 1000.0 / n;
  }

  /** Answers the requests per second. */
  private double contended(String what, List<ConnectionThrottles> nodes, int perThread)
      throws Exception {
    int threads = 8;
    long requestMillis = 5;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (ConnectionThrottles n : nodes)
        for (int t = 0; t < threads; t++)
          all.add(
              pool.submit(
                  () -> {
                    Throttle throttle = n.forJob(CONNECTION, connection, adaptor, () -> false);
                    for (int i = 0; i < perThread; i++) {
                      try (Throttle.Slot slot = throttle.acquire()) {
                        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        Thread.sleep(requestMillis);
                        inFlight.decrementAndGet();
                      }
                    }
                    return null;
                  }));
      for (Future<?> f : all) f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int total = nodes.size() * threads * perThread;
    System.out.printf(
        "%s, 16 threads, level 4, %d ms requests: %d requests in %.2f s (%.0f/s),"
            + " most in flight %d%n",
        what, requestMillis, total, seconds, total / seconds, most.get());
    return total / seconds;
  }

  /** Node 0 saturates the connection; node 1 joins a second later: how the slots are shared. */
  private void lateComer(List<ConnectionThrottles> nodes) throws Exception {
    java.util.concurrent.atomic.AtomicBoolean stop =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicLongArray done =
        new java.util.concurrent.atomic.AtomicLongArray(2);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n = 0; n < 2; n++) {
        if (n == 1) Thread.sleep(1000);
        int node = n;
        for (int t = 0; t < 8; t++)
          pool.submit(
              () -> {
                Throttle throttle =
                    nodes.get(node).forJob(CONNECTION, connection, adaptor, () -> false);
                while (!stop.get()) {
                  try (Throttle.Slot slot = throttle.acquire()) {
                    Thread.sleep(5);
                  }
                  done.incrementAndGet(node);
                }
                return null;
              });
      }
      long a0 = done.get(0), b0 = done.get(1);
      Thread.sleep(3000);
      System.out.printf(
          "late comer: in 3 s node 0 did %d requests, node 1 (joined late) %d%n",
          done.get(0) - a0, done.get(1) - b0);
      stop.set(true);
    }
  }
}
