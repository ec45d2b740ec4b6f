package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestDatabase;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes (separate JVMs running {@code io.tributary.Main serve}) on one PostgreSQL schema run
 * three flows of a few hundred pages each from a local paged source to a local sink that counts
 * every record by id. One node is killed with {@code -9} and another stopped with SIGTERM at random
 * moments, and both are started again. At the end every job completed, every record arrived, the
 * duplicates stay within what was in flight at the kill, no record was counted twice, and no job is
 * left running (D26). The nodes keep the default 30 s of silence before a node is dead: a killed
 * node's database session ends at once, and its jobs must move well within those 30 s.
 */
class ClusterChaosIT {
  private static final int FLOWS = 3;
  private static final int PAGES = 200;
  private static final int PAGE_SIZE = 20;
  private static final int RECORDS = PAGES * PAGE_SIZE;
  private static final int WINDOW = 4; // the connection's concurrencyLevel: pages in flight
  private static final int DEAD_AFTER_SECONDS = 30; // the default
  private final List<Node> nodes = new ArrayList<>();
  private final Map<String, Map<Integer, AtomicInteger>> received = new ConcurrentHashMap<>();
  private LocalApi remote;
  private TestDatabase db;
  private Path dir;

  private final class Node {
    final int port;
    final Path log;
    Process process;

    Node(int port, Path log) {
      this.port = port;
      this.log = log;
    }

    void start() throws IOException {
      ProcessBuilder pb =
          new ProcessBuilder(
              ProcessHandle.current().info().command().orElse("java"),
              "-Xmx256m",
              "-cp",
              System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
              "io.tributary.Main",
              "serve");
      Map<String, String> env = pb.environment();
      env.put("TRIBUTARY_DB_URL", db.url());
      env.put("TRIBUTARY_DB_USER", db.user());
      env.put("TRIBUTARY_DB_PASSWORD", db.password());
      env.put("TRIBUTARY_DB_SCHEMA", db.schema());
      env.put("TRIBUTARY_MASTER_KEY", TestServer.MASTER_KEY);
      env.put("TRIBUTARY_API_TOKEN", TestServer.ADMIN_TOKEN);
      env.put("TRIBUTARY_HOST", "127.0.0.1");
      env.put("TRIBUTARY_PORT", String.valueOf(port));
      env.put("TRIBUTARY_DATA_DIR", dir.resolve("data-" + port).toString());
      env.put("TRIBUTARY_CLUSTER_DEAD_AFTER_SECONDS", String.valueOf(DEAD_AFTER_SECONDS));
      env.put("TRIBUTARY_SHUTDOWN_GRACE_SECONDS", "10");
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      process = pb.start();
      Waits.until(
          "node on port " + port + " to answer /health",
          Duration.ofSeconds(90),
          () -> {
            if (!process.isAlive()) throw new AssertionError("node exited: " + tail());
            try {
              return client().get("/health").status();
            } catch (RuntimeException e) {
              return 0;
            }
          },
          status -> status == 200);
    }

    /** Starts the node on another thread (JVM starts are slow on a busy machine). */
    java.util.concurrent.CompletableFuture<Void> startLater() {
      return java.util.concurrent.CompletableFuture.runAsync(
          () -> {
            try {
              start();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }

    ApiClient client() {
      return new ApiClient("http://127.0.0.1:" + port, TestServer.ADMIN_TOKEN);
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node n : nodes) {
      if (n.process != null && n.process.isAlive()) {
        n.process.destroy();
        if (!n.process.waitFor(20, TimeUnit.SECONDS)) n.process.destroyForcibly().waitFor();
      }
    }
    if (remote != null) remote.close();
    if (db != null) db.drop();
  }

  @Test
  void jobsSurviveKilledAndStoppedNodes() throws Exception {
    db = TestDatabase.postgres(); // skips (or fails in CI) without PostgreSQL
    dir = Files.createTempDirectory("tributary-chaos");
    remote = new LocalApi();
    List<String> sets = List.of("a", "b", "c");
    for (String set : sets) serve(set);
    for (int i = 0; i < 3; i++) nodes.add(new Node(freePort(), dir.resolve("node-" + i + ".log")));
    nodes.get(0).start(); // migrates the schema first
    var second = nodes.get(1).startLater();
    nodes.get(2).start();
    second.join();
    JsonNode cluster = nodes.get(0).client().get("/v1/cluster").json();
    assertThat(cluster).as(cluster.toString()).hasSize(3);

    Map<String, String> jobs = new HashMap<>(); // set -> job id
    for (int i = 0; i < FLOWS; i++) {
      String set = sets.get(i);
      ApiClient api = nodes.get(i).client();
      FlowFixture f =
          FlowFixture.load(api, "chaos", Map.of("baseUrl", remote.baseUrl(), "set", set));
      var r = api.post("/v1/flows/" + f.flowId() + "/run", "");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      jobs.put(set, r.json().get("_jobId").asText());
    }

    Random random = new Random();
    List<String> report = new ArrayList<>();
    // kill -9 a node that runs a job, at a random moment; its jobs must move before its silence
    // makes it dead. It starts again later (its jobs were taken over by then).
    Thread.sleep(3_000 + random.nextInt(4_000));
    Node killed = ownerOfARunningJob();
    Set<String> orphans = jobsOwnedBy(killed.port);
    long killedAt = System.currentTimeMillis();
    killed.process.destroyForcibly();
    killed.process.waitFor();
    // Within 25 s: before the silence rule could fire, so the ended session must have done it.
    long takeover = awaitMoved(orphans, killed.port, Duration.ofSeconds(DEAD_AFTER_SECONDS - 5));
    report.add(
        "kill -9 node :"
            + killed.port
            + " running "
            + orphans.size()
            + " job(s): taken over in "
            + (takeover - killedAt)
            + " ms");
    var killedBack = killed.startLater();

    // SIGTERM another node that runs a job: it hands its jobs over within the grace period.
    Thread.sleep(1_000 + random.nextInt(3_000));
    Node stopped = ownerOfARunningJob();
    Set<String> handed = jobsOwnedBy(stopped.port);
    long stoppedAt = System.currentTimeMillis();
    stopped.process.destroy();
    assertThat(stopped.process.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops the node").isTrue();
    assertThat(runningOwnedBy(stopped.port)).as("a clean stop leaves no job running").isEmpty();
    long handOver = awaitMoved(handed, stopped.port, Duration.ofSeconds(30));
    report.add(
        "SIGTERM node :"
            + stopped.port
            + " running "
            + handed.size()
            + " job(s): exited in "
            + (System.currentTimeMillis() - stoppedAt)
            + " ms, jobs resumed elsewhere "
            + (handOver - stoppedAt)
            + " ms after the signal");
    var stoppedBack = stopped.startLater();

    // A node that was neither killed nor stopped (those two may still be starting).
    Node steady = nodes.stream().filter(n -> n != killed && n != stopped).findFirst().orElseThrow();
    ApiClient api = steady.client();
    for (String set : sets) {
      String id = jobs.get(set);
      JsonNode job =
          Waits.until(
              "job " + id + " to end",
              Duration.ofSeconds(150),
              () -> api.get("/v1/jobs/" + id).json(),
              j -> List.of("completed", "failed", "canceled").contains(j.get("status").asText()));
      assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
      Map<Integer, AtomicInteger> got = received.get(set);
      int duplicates = 0;
      for (int r = 1; r <= RECORDS; r++) {
        AtomicInteger n = got.get(r);
        assertThat(n).as("record %d of %s arrived", r, set).isNotNull();
        duplicates += n.get() - 1;
      }
      report.add(
          "flow "
              + set
              + ": "
              + RECORDS
              + " records, "
              + duplicates
              + " delivered twice, numSuccess "
              + job.get("numSuccess").asInt());
      // Only pages in flight at the kill -9 may go twice (the SIGTERM finished its pages).
      assertThat(duplicates).isLessThanOrEqualTo(WINDOW * PAGE_SIZE);
      assertThat(job.get("numSuccess").asInt()).as("each record counted once").isEqualTo(RECORDS);
      assertThat(job.get("numExport").asInt()).isEqualTo(RECORDS);
    }
    assertThat(query("select id from jobs where status = 'running'")).isEmpty();
    killedBack.join(); // both came back and joined the cluster
    stoppedBack.join();
    assertThat(api.get("/v1/cluster").json()).hasSize(3);
    System.out.println("Cluster chaos: " + String.join("; ", report));
  }

  /** A source of PAGES pages of PAGE_SIZE records, and a sink that counts them by id. */
  private void serve(String set) {
    Map<Integer, AtomicInteger> got = new ConcurrentHashMap<>();
    received.put(set, got);
    remote.on(
        "GET",
        "/items/" + set,
        req -> {
          int page = Integer.parseInt(req.param("page"));
          ArrayNode items = Json.MAPPER.createArrayNode();
          if (page <= PAGES)
            for (int i = (page - 1) * PAGE_SIZE + 1; i <= page * PAGE_SIZE; i++)
              items.addObject().put("id", i);
          return LocalApi.Response.ok(Json.object().set("items", items).toString());
        });
    remote.on(
        "POST",
        "/sink/" + set,
        req -> {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          int id = Json.read(req.body()).get("id").asInt();
          got.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          return LocalApi.Response.json(201, "{\"id\":\"" + set + id + "\"}");
        });
  }

  private Node ownerOfARunningJob() throws SQLException {
    List<String> ports =
        query(
            "select n.port from jobs j join cluster_nodes n on n.id = j.owner_node "
                + "where j.status = 'running' and j.flow_job_id is null order by j.id");
    for (String p : ports)
      for (Node n : nodes) if (String.valueOf(n.port).equals(p) && n.process.isAlive()) return n;
    throw new AssertionError("no node runs a job any more (the flows ended too soon)");
  }

  private Set<String> jobsOwnedBy(int port) throws SQLException {
    return new HashSet<>(runningOwnedBy(port));
  }

  private List<String> runningOwnedBy(int port) throws SQLException {
    return query(
        "select j.id from jobs j join cluster_nodes n on n.id = j.owner_node "
            + "where j.status = 'running' and j.flow_job_id is null and n.port = "
            + port);
  }

  /** When every one of {@code ids} runs on another node (or ended): the time the last one moved. */
  private long awaitMoved(Set<String> ids, int fromPort, Duration timeout) throws Exception {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (System.currentTimeMillis() < deadline) {
      int moved = 0;
      for (String id : ids) {
        List<String> row =
            query(
                "select j.status || ':' || coalesce(cast(n.port as varchar), '-') from jobs j "
                    + "left join cluster_nodes n on n.id = j.owner_node where j.id = '"
                    + id
                    + "'");
        String[] s = row.get(0).split(":");
        boolean ended = !s[0].equals("running") && !s[0].equals("queued");
        boolean elsewhere =
            s[0].equals("running") && !s[1].equals("-") && !s[1].equals(String.valueOf(fromPort));
        if (ended || elsewhere) moved++;
      }
      if (moved == ids.size()) return System.currentTimeMillis();
      Thread.sleep(200);
    }
    throw new AssertionError(
        "jobs " + ids + " did not move off node :" + fromPort + " in " + timeout);
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      c.createStatement().execute("set search_path to " + db.schema());
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(1));
        return out;
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
