package io.tributary.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.App;
import io.tributary.Settings;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code overhead [runs] [h2|postgresql] [nodes]}: flows run back to back, each run from POST
 * /run?wait to completed, on the embedded H2 store or on PostgreSQL with 1 or 2 nodes on one schema
 * (D26; with 2, the runs are asked of the nodes in turn, so both claim them). Two flows: one of 1
 * record (one page), and one of {@link #PAGES} pages of {@link #PAGE_SIZE} records, where what a
 * page costs shows.
 *
 * <p>Two references measured in the same run: the same calls made by hand ({@link HandWritten}),
 * and the engine with its per-page checkpoints switched off ({@link
 * Settings#withoutPageCheckpoints()}), which says what the checkpoints cost. Both configurations
 * run side by side (each its own nodes, on a schema or data directory of its own) and take turns
 * every {@link #BLOCK} runs, so that the load of a shared machine, which comes and goes within
 * seconds, falls on both alike.
 *
 * <p>The store's statement counter ({@code tributary_store_statements_total} and {@code
 * tributary_store_commits_total}, read from the nodes directly) gives statements and explicit
 * commits per run, and per page beyond the first (the 50-page flow's run less the 1-record flow's,
 * over 49); their sum is the database round trips. They include what the nodes do in the background
 * meanwhile (heartbeats, sweeps, queue polls: a few statements a second).
 *
 * <p>The nodes run in this JVM rather than in JVMs of their own: each has its own pool, heartbeat,
 * dispatcher and API, and they meet only in the database, as separate processes would; on a 2-core
 * machine four more JVMs would mostly add JITs competing for the cores, which is noise, not the
 * cost measured here.
 */
final class OverheadBench {
  static final int PAGES = 50;
  static final int PAGE_SIZE = 20;
  private static final int BLOCK = 20; // 1-record runs a turn; the 50-page flow runs 2 a turn
  private static final String PG_URL =
      System.getenv().getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getenv().getOrDefault("BENCH_PG_USER", "postgres");
  private final HttpClient http = HttpClient.newHttpClient();
  private final boolean postgres;
  private final int nodeCount;

  /** One configuration: its nodes, their store, its two flows and what they measured. */
  private final class Setup implements AutoCloseable {
    final String name;
    final boolean checkpoints;
    final String schema = "bench_overhead_" + UUID.randomUUID().toString().substring(0, 8);
    final List<Path> dirs = new ArrayList<>();
    final List<App> nodes = new ArrayList<>();
    final Tally one = new Tally();
    final Tally paged = new Tally();
    String oneFlow;
    String pagedFlow;

    Setup(String name, boolean checkpoints) {
      this.name = name;
      this.checkpoints = checkpoints;
    }

    void start() throws Exception {
      for (int i = 0; i < nodeCount; i++) {
        Path dir = Files.createTempDirectory("overhead-bench");
        dirs.add(dir);
        Settings s =
            new Settings(
                0,
                "127.0.0.1",
                dir,
                postgres ? PG_URL : null,
                postgres ? PG_USER : null,
                null,
                postgres ? schema : null,
                ServerProcesses.TOKEN,
                "bench key",
                1_000_000,
                1_000_000);
        nodes.add(App.start(checkpoints ? s : s.withoutPageCheckpoints(), Clock.systemUTC()));
      }
    }

    String api(int node) {
      return "http://127.0.0.1:" + nodes.get(node % nodeCount).port();
    }

    long statements() {
      return nodes.stream().mapToLong(a -> a.database().statements().statements()).sum();
    }

    long commits() {
      return nodes.stream().mapToLong(a -> a.database().statements().commits()).sum();
    }

    @Override
    public void close() throws Exception {
      for (App app : nodes) app.close();
      if (postgres) sql("drop schema if exists " + schema + " cascade");
      for (Path d : dirs) deleteTree(d);
    }
  }

  /** What one flow of one configuration measured. */
  private static final class Tally {
    final List<Double> latencies = new ArrayList<>();
    final List<Double> blockRatios = new ArrayList<>(); // this block's median / the other's
    double seconds;
    long statements;
    long commits;

    int runs() {
      return latencies.size();
    }

    double statementsPerRun() {
      return (double) statements / runs();
    }

    double commitsPerRun() {
      return (double) commits / runs();
    }
  }

  OverheadBench(String store, int nodes) {
    this.postgres =
        switch (store) {
          case "h2" -> false;
          case "postgresql" -> true;
          default ->
              throw new IllegalArgumentException("overhead store: h2 or postgresql, not " + store);
        };
    if (nodes < 1 || nodes > 2) throw new IllegalArgumentException("overhead nodes: 1 or 2");
    if (!postgres && nodes > 1)
      throw new IllegalArgumentException("the embedded H2 store is single-node: use postgresql");
    this.nodeCount = nodes;
  }

  void run(int runs) throws Exception {
    int blocks = Math.max(1, runs / BLOCK);
    String load = loadAverage();
    // Four pools of 16 on a shared PostgreSQL: each opens connections as it needs them (runs
    // back to back need a few), not all 16 at start.
    System.setProperty("hikaricp.configurationFile", hikariFile().toString());
    try (SyntheticApi one = new SyntheticApi(1);
        SyntheticApi paged = new SyntheticApi(PAGES * PAGE_SIZE, PAGE_SIZE);
        Setup on = new Setup("checkpoints on ", true);
        Setup off = new Setup("checkpoints off", false)) {
      HandWritten handOne = new HandWritten(one.baseUrl());
      HandWritten handPaged = new HandWritten(paged.baseUrl());
      List<Setup> both = List.of(on, off);
      for (Setup s : both) {
        s.start();
        s.oneFlow = ServerProcesses.lookupFlow(http, s.api(0), one.baseUrl(), "one", 100);
        s.pagedFlow =
            ServerProcesses.lookupFlow(http, s.api(0), paged.baseUrl(), "paged", PAGE_SIZE);
      }
      for (int i = 0; i < 100; i++) {
        handOne.move();
        for (Setup s : both) runToEnd(s, i, s.oneFlow, 1);
      }
      for (int i = 0; i < 3; i++) {
        handPaged.move();
        for (Setup s : both) runToEnd(s, i, s.pagedFlow, PAGES * PAGE_SIZE);
      }
      List<Double> refOne = new ArrayList<>();
      List<Double> refPaged = new ArrayList<>();
      for (int b = 0; b < blocks; b++) {
        List<Setup> order = b % 2 == 0 ? both : both.reversed();
        refOne.addAll(hand(handOne, BLOCK));
        for (Setup s : order) measure(s, s.one, s.oneFlow, BLOCK, 1);
        ratio(on.one, off.one, BLOCK);
        refPaged.addAll(hand(handPaged, 2));
        for (Setup s : order) measure(s, s.paged, s.pagedFlow, 2, PAGES * PAGE_SIZE);
        ratio(on.paged, off.paged, 2);
      }
      report(load, both, refOne, refPaged);
      claims(both);
    }
  }

  /** The median of the last {@code n} runs of {@code on} over that of {@code off}. */
  private static void ratio(Tally on, Tally off, int n) {
    List<Double> a = on.latencies.subList(on.runs() - n, on.runs());
    List<Double> b = off.latencies.subList(off.runs() - n, off.runs());
    on.blockRatios.add(pct(a, 50) / pct(b, 50));
  }

  private static Path hikariFile() throws java.io.IOException {
    Path f = Files.createTempFile("overhead-hikari", ".properties");
    Files.writeString(f, "minimumIdle=1\n");
    f.toFile().deleteOnExit();
    return f;
  }

  private static List<Double> hand(HandWritten hand, int runs) throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      hand.move();
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    return ms;
  }

  /** Runs the flow {@code runs} times back to back, asking the nodes in turn. */
  private void measure(Setup s, Tally t, String flow, int runs, int records) throws Exception {
    long statements = s.statements(), commits = s.commits();
    long start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      runToEnd(s, i, flow, records);
      t.latencies.add((System.nanoTime() - t0) / 1e6);
    }
    t.seconds += (System.nanoTime() - start) / 1e9;
    t.statements += s.statements() - statements;
    t.commits += s.commits() - commits;
  }

  /**
   * One run asked of node {@code i % nodes}, waited for; fails unless it completed with every
   * record counted once.
   */
  private void runToEnd(Setup s, int i, String flow, int records) throws Exception {
    String api = s.api(i);
    JsonNode job =
        ServerProcesses.send(http, api, "POST", "/v1/flows/" + flow + "/run?wait=300", "");
    while (List.of("queued", "running").contains(job.path("status").asText())) {
      Thread.sleep(20);
      job = ServerProcesses.send(http, api, "GET", "/v1/jobs/" + job.get("_id").asText(), null);
    }
    if (!job.path("status").asText().equals("completed")
        || job.path("numSuccess").asLong() != records)
      throw new IllegalStateException("the run did not complete with " + records + ": " + job);
  }

  private void report(
      String loadBefore, List<Setup> both, List<Double> refOne, List<Double> refPaged) {
    Setup on = both.get(0), off = both.get(1);
    System.out.printf(
        "overhead on %s, %d node(s) a configuration: %d runs of the 1-record flow and %d of the"
            + " %d-page flow (%d records) per configuration, taking turns every %d (2); load"
            + " average before %s, after %s%n",
        postgres ? "PostgreSQL" : "embedded H2",
        nodeCount,
        on.one.runs(),
        on.paged.runs(),
        PAGES,
        PAGES * PAGE_SIZE,
        BLOCK,
        loadBefore,
        loadAverage());
    System.out.printf(
        "hand-written calls, 1 record:      median %.2f ms, p99 %.2f ms%n",
        pct(refOne, 50), pct(refOne, 99));
    System.out.printf(
        "hand-written calls, %d records: median %.1f ms, p99 %.1f ms%n",
        PAGES * PAGE_SIZE, pct(refPaged, 50), pct(refPaged, 99));
    for (Setup s : both) {
      Tally t = s.one;
      System.out.printf(
          "1-record flow, %s: %,.0f runs/min, median %.2f ms, p99 %.2f ms, ratio median"
              + " flow/hand-written %.1f; %.1f statements + %.1f commits per run%n",
          s.name,
          t.runs() / (t.seconds / 60),
          pct(t.latencies, 50),
          pct(t.latencies, 99),
          pct(t.latencies, 50) / pct(refOne, 50),
          t.statementsPerRun(),
          t.commitsPerRun());
    }
    for (Setup s : both) {
      Tally t = s.paged;
      System.out.printf(
          "%d-page flow,   %s: %,.0f records/s, median %.0f ms, p99 %.0f ms, ratio median"
              + " flow/hand-written %.2f; %.1f statements + %.1f commits per run, per page beyond"
              + " the first %.2f + %.2f%n",
          PAGES,
          s.name,
          PAGES * PAGE_SIZE * t.runs() / t.seconds,
          pct(t.latencies, 50),
          pct(t.latencies, 99),
          pct(t.latencies, 50) / pct(refPaged, 50),
          t.statementsPerRun(),
          t.commitsPerRun(),
          (t.statementsPerRun() - s.one.statementsPerRun()) / (PAGES - 1),
          (t.commitsPerRun() - s.one.commitsPerRun()) / (PAGES - 1));
    }
    System.out.printf(
        "checkpoint cost (on/off; the issue asks <= 1.10): 1-record flow median %.3f, p99 %.3f,"
            + " runs/min %.3f, median of the turns' medians %.3f; %d-page flow median %.3f, p99"
            + " %.3f, median of the turns' medians %.3f%n",
        pct(on.one.latencies, 50) / pct(off.one.latencies, 50),
        pct(on.one.latencies, 99) / pct(off.one.latencies, 99),
        (off.one.runs() / off.one.seconds) / (on.one.runs() / on.one.seconds),
        pct(on.one.blockRatios, 50),
        PAGES,
        pct(on.paged.latencies, 50) / pct(off.paged.latencies, 50),
        pct(on.paged.latencies, 99) / pct(off.paged.latencies, 99),
        pct(on.paged.blockRatios, 50));
  }

  /** With 2 nodes: how many runs (warm-up included) each node of each configuration claimed. */
  private void claims(List<Setup> both) throws Exception {
    if (nodeCount < 2) return;
    for (Setup s : both) {
      Map<String, Integer> byNode = new TreeMap<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < nodeCount; i++)
        for (JsonNode n : ServerProcesses.send(http, s.api(i), "GET", "/v1/cluster", null))
          if (n.path("host").asText().endsWith(":" + s.nodes.get(i).port()))
            ids.add(n.get("_id").asText());
      s.nodes
          .get(0)
          .database()
          .jdbi()
          .useHandle(
              h ->
                  h.createQuery(
                          "select owner_node, count(*) from jobs where flow_job_id is null "
                              + "group by owner_node")
                      .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                      .forEach(e -> byNode.put("node " + ids.indexOf(e.getKey()), e.getValue())));
      System.out.println("runs claimed, " + s.name + ": " + byNode);
    }
  }

  static double pct(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      c.createStatement().execute(statement);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
