package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A flow job stopped mid-run resumes after its last checkpointed page (D26): on a clean stop the
 * pages in flight finish and the job is handed over, so nothing is delivered twice; when another
 * node takes the job over (here: its owner is made to look dead), the old run stops at its next
 * checkpoint, and only pages in flight can be delivered twice while counters count each record
 * once.
 */
abstract class HandOverContract extends EngineTestBase {
  private static final int PAGES = 30;
  private static final int CUSTOMERS = PAGES * 20;
  private volatile boolean refusing; // the sink answers 400 to every record

  /**
   * A source of PAGES pages and a sink that takes {@code millis} per record; the chaos fixture's
   * connection lets 4 pages be in flight, so that a run lasts several seconds.
   */
  private FlowFixture slowFlow(long millis) {
    remote.on(
        "GET",
        "/items/x",
        req -> {
          int page = Integer.parseInt(req.param("page"));
          com.fasterxml.jackson.databind.node.ArrayNode items = Json.MAPPER.createArrayNode();
          if (page <= PAGES)
            for (int i = (page - 1) * 20 + 1; i <= page * 20; i++) items.addObject().put("id", i);
          return LocalApi.Response.ok(Json.object().set("items", items).toString());
        });
    AtomicInteger ids = new AtomicInteger();
    remote.on(
        "POST",
        "/sink/x",
        req -> {
          if (refusing) return LocalApi.Response.json(400, "{\"message\":\"refused\"}");
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          sunk.add(Json.read(req.body()));
          return LocalApi.Response.json(201, "{\"id\":\"sink-" + ids.incrementAndGet() + "\"}");
        });
    return FlowFixture.load(api, "chaos", Map.of("baseUrl", remote.baseUrl(), "set", "x"));
  }

  private String start(FlowFixture f) {
    var r = api.post("/v1/flows/" + f.flowId() + "/run", "");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_jobId").asText();
  }

  private void awaitPages(String jobId, int pages) {
    Waits.until(
        "job " + jobId + " to process " + pages + " pages",
        Duration.ofSeconds(60),
        () -> api.get("/v1/jobs/" + jobId).json(),
        j -> j.path("numPagesProcessed").asInt() >= pages);
  }

  private String owner(String jobId) {
    return server
        .app()
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select owner_node from jobs where id = :id")
                    .bind("id", jobId)
                    .mapTo(String.class)
                    .one());
  }

  private Map<Integer, Integer> deliveries() {
    Map<Integer, Integer> times = new HashMap<>();
    for (JsonNode r : sunk) times.merge(r.get("id").asInt(), 1, Integer::sum);
    return times;
  }

  @Test
  void aCleanStopHandsTheJobOverAndTheRestartedServerResumesIt() {
    FlowFixture f = slowFlow(60);
    String job = start(f);
    awaitPages(job, 3);
    assertThat(api.get("/v1/jobs/" + job).json().get("status").asText()).isEqualTo("running");
    String before = owner(job);
    server.restart();
    api = server.client();
    JsonNode done = waitFor(job);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    Map<Integer, Integer> times = deliveries();
    assertThat(times).hasSize(CUSTOMERS);
    assertThat(times.values())
        .as("a clean stop finishes its pages: none sent twice")
        .allMatch(n -> n == 1);
    assertThat(done.get("numSuccess").asInt()).isEqualTo(CUSTOMERS);
    assertThat(done.get("numExport").asInt()).isEqualTo(CUSTOMERS);
    assertThat(api.get("/v1/jobs?_flowJobId=" + job).json()).hasSize(2); // the same children
    assertThat(owner(job)).as("the restarted node finished the job").isNotEqualTo(before);
    // The source was not read again from its first page.
    long firstPageReads =
        remote.requests("GET", "/items/x").stream()
            .filter(r -> "1".equals(r.param("page")))
            .count();
    assertThat(firstPageReads).isEqualTo(1);
  }

  @Test
  void aJobWhoseNodeLooksDeadIsTakenOverAndCountsEachRecordOnce() {
    takenOverFrom(System.currentTimeMillis() - 3_600_000L); // silent for an hour
  }

  @Test
  void aRetryJobTakenOverMidwayCountsEachRecordOnce() {
    refusing = true;
    FlowFixture f = slowFlow(15);
    JsonNode first = waitFor(start(f));
    assertThat(first.get("numError").asInt()).as(first.toString()).isEqualTo(CUSTOMERS);
    List<String> open =
        jdbi()
            .withHandle(
                h ->
                    h.createQuery("select id from record_errors where resolved_at is null")
                        .mapTo(String.class)
                        .list());
    assertThat(open).hasSize(CUSTOMERS);
    refusing = false;
    var r =
        api.post(
            "/v1/flows/" + f.flowId() + "/" + f.id("imports.sink") + "/retry",
            Json.object().set("errors", Json.MAPPER.valueToTree(open)).toString());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String job = r.json().get("_jobId").asText();
    Waits.until(
        "retry job " + job + " to replay a few chunks",
        Duration.ofSeconds(60),
        () -> api.get("/v1/jobs/" + job).json(),
        j -> j.path("numSuccess").asInt() >= 60);
    looksDead(job, System.currentTimeMillis() - 3_600_000L);
    JsonNode done = waitFor(job);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    Map<Integer, Integer> times = deliveries();
    assertThat(times).hasSize(CUSTOMERS);
    long duplicates = times.values().stream().mapToInt(n -> n - 1).sum();
    // Only the chunk in flight (20 records) can be replayed twice; it counts once.
    assertThat(duplicates).isLessThanOrEqualTo(20);
    assertThat(done.get("numSuccess").asInt()).isEqualTo(CUSTOMERS);
    assertThat(child(done, f.id("imports.sink")).get("numSuccess").asInt()).isEqualTo(CUSTOMERS);
    int stillOpen =
        jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from record_errors where resolved_at is null")
                        .mapTo(Integer.class)
                        .one());
    assertThat(stillOpen).isZero();
  }

  private org.jdbi.v3.core.Jdbi jdbi() {
    return server.app().database().jdbi();
  }

  /** Makes the job look owned by a node last heard from at {@code heartbeatAt}, with no lock. */
  private void looksDead(String job, long heartbeatAt) {
    jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "insert into cluster_nodes (id, host, port, started_at, last_heartbeat_at) "
                      + "values ('deadbeefdeadbeefdeadbeef', 'gone', 1, ?, ?)",
                  heartbeatAt,
                  heartbeatAt);
              h.execute(
                  "update jobs set owner_node = 'deadbeefdeadbeefdeadbeef' where id = ?", job);
            });
  }

  /**
   * Makes the running job look owned by another node, last heard from at {@code heartbeatAt}, that
   * holds no liveness lock; the job must be taken over and end with each record counted once.
   */
  void takenOverFrom(long heartbeatAt) {
    takenOverFrom(heartbeatAt, 0);
  }

  /**
   * As above; with {@code aliveMillis} above 0 the other node first looks alive (fresh heartbeat)
   * for that long, the job must stay its own, and only then does its heartbeat go stale.
   */
  void takenOverFrom(long heartbeatAt, long aliveMillis) {
    FlowFixture f = slowFlow(30);
    String job = start(f);
    awaitPages(job, 3);
    looksDead(job, aliveMillis > 0 ? System.currentTimeMillis() + 3_600_000L : heartbeatAt);
    if (aliveMillis > 0) {
      try {
        Thread.sleep(aliveMillis);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      assertThat(owner(job)).as("the job of a live node").isEqualTo("deadbeefdeadbeefdeadbeef");
      jdbi()
          .useHandle(
              h ->
                  h.execute(
                      "update cluster_nodes set last_heartbeat_at = ? where id = ?",
                      heartbeatAt,
                      "deadbeefdeadbeefdeadbeef"));
    }
    JsonNode done = waitFor(job);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    Map<Integer, Integer> times = deliveries();
    assertThat(times).hasSize(CUSTOMERS);
    long duplicates = times.values().stream().mapToInt(n -> n - 1).sum();
    // At most the pages in flight (the connection's 4) were delivered again.
    assertThat(duplicates).isLessThanOrEqualTo(4 * 20);
    assertThat(done.get("numSuccess").asInt()).isEqualTo(CUSTOMERS);
    assertThat(done.get("numExport").asInt()).isEqualTo(CUSTOMERS);
    JsonNode sink = child(done, f.id("imports.sink"));
    assertThat(sink.get("numSuccess").asInt()).isEqualTo(CUSTOMERS);
  }
}
