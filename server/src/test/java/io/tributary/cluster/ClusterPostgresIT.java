package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM on one PostgreSQL schema (D26). */
class ClusterPostgresIT {
  private static final int PAGES = 30;
  private static final int RECORDS = PAGES * 20;
  private TestServer a;
  private TestServer b;
  private LocalApi remote;
  private final Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
  private volatile long sinkMillis = 20;

  @BeforeEach
  void start() {
    a = TestServer.start(true);
    b = a.sibling();
    remote = new LocalApi();
    remote.on(
        "GET",
        "/items/x",
        req -> {
          int page = Integer.parseInt(req.param("page"));
          ArrayNode items = Json.MAPPER.createArrayNode();
          if (page <= PAGES)
            for (int i = (page - 1) * 20 + 1; i <= page * 20; i++) items.addObject().put("id", i);
          return LocalApi.Response.ok(Json.object().set("items", items).toString());
        });
    remote.on(
        "POST",
        "/sink/x",
        req -> {
          try {
            Thread.sleep(sinkMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          int id = Json.read(req.body()).get("id").asInt();
          received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
          return LocalApi.Response.json(201, "{\"id\":\"x" + id + "\"}");
        });
  }

  @AfterEach
  void stop() {
    remote.close();
    if (b != null) b.close();
    a.close();
  }

  private String run(ApiClient api) {
    FlowFixture f = FlowFixture.load(api, "chaos", Map.of("baseUrl", remote.baseUrl(), "set", "x"));
    var r = api.post("/v1/flows/" + f.flowId() + "/run", "");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_jobId").asText();
  }

  private JsonNode await(
      ApiClient api, String job, String what, java.util.function.Predicate<JsonNode> done) {
    return Waits.until(what, Duration.ofSeconds(90), () -> api.get("/v1/jobs/" + job).json(), done);
  }

  private JsonNode ended(ApiClient api, String job) {
    return await(
        api,
        job,
        "job " + job + " to end",
        j -> List.of("completed", "failed", "canceled").contains(j.get("status").asText()));
  }

  @Test
  void everyNodeListsTheClusterWithItsRunningJobs() {
    sinkMillis = 50;
    String job = run(a.client());
    await(a.client(), job, "job to run", j -> j.get("status").asText().equals("running"));
    JsonNode nodes = b.client().get("/v1/cluster").json();
    assertThat(nodes).as(nodes.toString()).hasSize(2);
    long running = 0;
    for (JsonNode n : nodes) {
      assertThat(n.get("_id").asText()).hasSize(24);
      assertThat(n.get("host").asText()).contains(":");
      assertThat(n.get("startedAt").asText()).endsWith("Z");
      assertThat(n.get("lastHeartbeatAt").asText()).endsWith("Z");
      assertThat(n.get("live").asBoolean()).isTrue();
      running += n.get("runningJobs").asLong();
    }
    assertThat(running).isEqualTo(1);
  }

  @Test
  void aStartingNodeLeavesTheJobsOfLiveNodesAlone() {
    String job = run(a.client());
    await(a.client(), job, "job to process a page", j -> j.path("numPagesProcessed").asInt() >= 2);
    TestServer c = a.sibling(); // used to fail every running job of the store
    try {
      JsonNode done = ended(c.client(), job);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
      assertThat(done.get("numSuccess").asInt()).isEqualTo(RECORDS);
      assertThat(received).hasSize(RECORDS);
      assertThat(received.values()).allMatch(n -> n.get() == 1);
    } finally {
      c.close();
    }
  }

  @Test
  void aStoppingNodeHandsItsJobToAnotherThatResumesIt() {
    String job = run(b.client());
    await(b.client(), job, "job to process a page", j -> j.path("numPagesProcessed").asInt() >= 2);
    assertThat(a.client().get("/v1/jobs/" + job).json().get("status").asText())
        .isEqualTo("running");
    b.close(); // SIGTERM's path: pages in flight finish, the job is handed over
    b = null;
    JsonNode done = ended(a.client(), job);
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(received).hasSize(RECORDS);
    assertThat(received.values()).as("nothing delivered twice").allMatch(n -> n.get() == 1);
    assertThat(done.get("numSuccess").asInt()).isEqualTo(RECORDS);
    assertThat(a.client().get("/v1/cluster").json()).hasSize(1); // the stopped node left
  }

  /** Waits on the wall clock for the next minute (up to 80 s), as ScheduleEndToEndIT does. */
  @Test
  void aScheduleFiresOnceAcrossTheCluster() throws Exception {
    ApiClient api = a.client();
    FlowFixture f = FlowFixture.load(api, "chaos", Map.of("baseUrl", remote.baseUrl(), "set", "x"));
    var patched =
        api.patch(
            "/v1/flows/" + f.flowId(),
            Json.parse("[{\"op\":\"replace\",\"path\":\"/schedule\",\"value\":\"* * * * *\"}]"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(204);
    JsonNode jobs =
        Waits.until(
            "a scheduled job of flow " + f.flowId(),
            Duration.ofSeconds(80),
            () -> b.client().get("/v1/jobs?_flowId=" + f.flowId()).json(),
            j -> !j.isEmpty());
    String scheduledFor = jobs.get(0).get("scheduledFor").asText();
    Thread.sleep(6_000); // three more ticks of each node's scheduler
    int firings = 0;
    for (JsonNode j : api.get("/v1/jobs?_flowId=" + f.flowId()).json())
      if (j.path("scheduledFor").asText().equals(scheduledFor)) firings++;
    assertThat(firings).as("jobs for the firing at " + scheduledFor).isEqualTo(1);
  }

  /**
   * A run asked on node b (which claims it at once) and waited for on node a with the same
   * Idempotency-Key: a's {@code ?wait=} answers 200 with the ended job that b ran.
   */
  @Test
  void aRunWaitedForOnOneNodeAnswersWhenAnotherNodeEndsIt() throws Exception {
    FlowFixture f =
        FlowFixture.load(b.client(), "chaos", Map.of("baseUrl", remote.baseUrl(), "set", "x"));
    String path = "/v1/flows/" + f.flowId() + "/run";
    var asked = runWithKey(b, path, "cross-node-1");
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    String job = Json.parse(asked.body()).get("_jobId").asText();
    await(b.client(), job, "job to run", j -> j.path("numPagesProcessed").asInt() >= 1);
    var waited = runWithKey(a, path + "?wait=120", "cross-node-1");
    assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
    JsonNode done = Json.parse(waited.body());
    assertThat(done.get("_id").asText()).isEqualTo(job);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("numSuccess").asInt()).isEqualTo(RECORDS);
    String ranOn =
        a.app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select owner_node from jobs where id = :id")
                        .bind("id", job)
                        .mapTo(String.class)
                        .one());
    String bId = null;
    for (JsonNode n : b.client().get("/v1/cluster").json())
      if (n.get("host").asText().endsWith(":" + b.app().port())) bId = n.get("_id").asText();
    assertThat(ranOn).as("the job ran on node b, not on the waiting node a").isEqualTo(bId);
  }

  private static java.net.http.HttpResponse<String> runWithKey(
      TestServer node, String path, String key) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + node.app().port() + path))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Idempotency-Key", key)
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCancelAskedOnAnotherNodeStopsTheJobAndItsRequestInFlight() {
    sinkMillis = 120_000; // every request hangs: only aborting it ends the job soon
    String job = run(a.client());
    Waits.until(
        "a request to reach the sink",
        Duration.ofSeconds(30),
        () -> remote.requests("POST", "/sink/x").size(),
        n -> n > 0);
    var r = b.client().put("/v1/jobs/" + job + "/cancel", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode done =
        Waits.until(
            "the canceled job to end",
            Duration.ofSeconds(30), // far below the sink's two minutes
            () -> b.client().get("/v1/jobs/" + job).json(),
            j -> !List.of("queued", "running").contains(j.get("status").asText()));
    assertThat(done.get("status").asText()).isEqualTo("canceled");
  }
}
