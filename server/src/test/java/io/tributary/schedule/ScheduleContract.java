package io.tributary.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.MutableClock;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules with a clock the test moves: runs, skips, catch-up, per-source schedules, changes. */
abstract class ScheduleContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:30Z"));
  private TestServer server;
  private ApiClient api;
  private LocalApi remote;
  private FlowFixture f;
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean block;

  abstract boolean postgres();

  @BeforeEach
  void start() {
    server = TestServer.start(postgres(), clock);
    api = server.client();
    remote = new LocalApi();
    remote.on(
        "GET",
        "/customers",
        req -> {
          if (block) await(release);
          return LocalApi.Response.ok("{\"items\":[]}");
        });
    f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
  }

  @AfterEach
  void stop() {
    release.countDown();
    remote.close();
    server.close();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void schedule(String cron, String zone) {
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse(
            "[{\"op\":\"replace\",\"path\":\"/schedule\",\"value\":\""
                + cron
                + "\"},"
                + "{\"op\":\"replace\",\"path\":\"/timezone\",\"value\":\""
                + zone
                + "\"}]"));
  }

  private void minutes(int n) {
    clock.advance(Duration.ofMinutes(n));
    server.app().schedules().tick();
  }

  private JsonNode jobs() {
    return api.get("/v1/jobs?_flowId=" + f.flowId()).json();
  }

  /** The job once it ended; fails the test when it has not ended within 10 s. */
  private static boolean allEnded(JsonNode jobs) {
    for (JsonNode j : jobs)
      if (List.of("queued", "running").contains(j.get("status").asText())) return false;
    return true;
  }

  private JsonNode waitDone(String id) {
    return Waits.until(
        "job " + id + " to end",
        java.time.Duration.ofSeconds(10),
        () -> api.get("/v1/jobs/" + id).json(),
        j -> !List.of("queued", "running").contains(j.get("status").asText()));
  }

  @Test
  void aScheduledFlowShowsWhenItRunsNext() {
    schedule("0 2 * * *", "America/Los_Angeles");
    JsonNode flow = api.get("/v1/flows/" + f.flowId()).json();
    assertThat(flow.get("nextRunAt").asText()).isEqualTo("2026-11-29T02:00-08:00");
    JsonNode preview = api.get("/v1/flows/" + f.flowId() + "/schedule/preview?count=3").json();
    assertThat(preview)
        .extracting(JsonNode::asText)
        .containsExactly(
            "2026-11-29T02:00-08:00", "2026-11-30T02:00-08:00", "2026-12-01T02:00-08:00");
    assertThat(api.get("/v1/flows/" + f.flowId() + "/schedule/preview?count=0").status())
        .isEqualTo(400);
    ObjectNode put = (ObjectNode) flow.deepCopy();
    put.put("nextRunAt", "2000-01-01T00:00Z");
    assertThat(api.put("/v1/flows/" + f.flowId(), put).json().get("nextRunAt").asText())
        .isEqualTo("2026-11-29T02:00-08:00");
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse("[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":true}]"));
    assertThat(api.get("/v1/flows/" + f.flowId()).json().has("nextRunAt")).isFalse();
  }

  @Test
  void anEveryMinuteFlowRunsAtEachMinuteAndSkipsWhenBusy() throws Exception {
    schedule("* * * * *", "UTC");
    server.app().schedules().tick();
    assertThat(jobs()).isEmpty();
    block = true;
    minutes(1);
    JsonNode first = jobs().get(0);
    assertThat(first.get("triggeredBy").asText()).isEqualTo("schedule");
    assertThat(first.get("scheduledFor").asText()).isEqualTo("2026-11-28T10:01:00.000Z");
    minutes(1);
    JsonNode skipped = jobs().get(0);
    assertThat(skipped.get("status").asText()).isEqualTo("canceled");
    assertThat(skipped.get("skipped").asBoolean()).isTrue();
    assertThat(skipped.get("reason").asText()).contains("already had a job");
    release.countDown();
    assertThat(waitDone(first.get("_id").asText()).get("status").asText()).isEqualTo("completed");
    minutes(1);
    assertThat(jobs()).hasSize(3);
    assertThat(jobs().get(0).has("catchUp")).isFalse();
  }

  @Test
  void aScheduleMissedDuringDowntimeRunsOnce() throws Exception {
    schedule("* * * * *", "UTC");
    server.app().schedules().tick();
    minutes(30);
    JsonNode all = jobs();
    assertThat(all).hasSize(1);
    assertThat(all.get(0).get("catchUp").asBoolean()).isTrue();
    waitDone(all.get(0).get("_id").asText());
    minutes(1);
    assertThat(jobs()).hasSize(2);
  }

  @Test
  void aPageGeneratorsOwnScheduleRunsOnlyThatSource() {
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse(
            "[{\"op\":\"add\",\"path\":\"/pageGenerators/0/schedule\",\"value\":\"*/5 * * * *\"}]"));
    server.app().schedules().tick();
    minutes(5);
    JsonNode job = jobs().get(0);
    assertThat(job.get("_exportIds").get(0).asText()).isEqualTo(f.id("exports.customers"));
  }

  @Test
  void changesTakeEffectAtOnceAndDisabledOrDeletedFlowsDoNotRun() throws Exception {
    schedule("0 12 * * *", "UTC");
    server.app().schedules().tick();
    schedule("* * * * *", "UTC");
    minutes(1);
    minutes(1);
    assertThat(jobs()).hasSize(1);
    waitDone(jobs().get(0).get("_id").asText());
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse("[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":true}]"));
    minutes(3);
    assertThat(jobs()).hasSize(1);
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse("[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":false}]"));
    server.app().schedules().tick();
    minutes(1);
    assertThat(jobs()).hasSize(2);
    waitDone(jobs().get(0).get("_id").asText());
    assertThat(api.delete("/v1/flows/" + f.flowId()).status()).isEqualTo(204);
    minutes(1);
    long rows =
        server
            .app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from schedule_state where flow_id = :f")
                        .bind("f", f.flowId())
                        .mapTo(Long.class)
                        .one());
    assertThat(rows).isZero();
  }

  @Test
  void aChainLoopingBackNeverRunsAFlowTwiceAtOnce() throws Exception {
    String other =
        api.post(
                "/v1/flows",
                Json.parse(
                    "{\"name\":\"b\",\"pageGenerators\":[{\"_exportId\":\""
                        + f.id("exports.customers")
                        + "\"}],\"_runNextFlowIds\":[\""
                        + f.flowId()
                        + "\"]}"))
            .json()
            .get("_id")
            .asText();
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse(
            "[{\"op\":\"add\",\"path\":\"/_runNextFlowIds\",\"value\":[\"" + other + "\"]}]"));
    api.post("/v1/flows/" + f.flowId() + "/run", "");
    Waits.until(
        "the chain to run flow " + f.flowId() + " twice",
        java.time.Duration.ofSeconds(10),
        this::jobs,
        j -> j.size() >= 4);
    for (String flow : List.of(f.flowId(), other)) {
      api.patch(
          "/v1/flows/" + flow,
          Json.parse("[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":true}]"));
    }
    for (String flow : List.of(f.flowId(), other)) {
      // Every job of the flow ended (the chain stops at the disabled flows), so each has both
      // timestamps.
      JsonNode list =
          Waits.until(
              "the jobs of flow " + flow + " to end",
              java.time.Duration.ofSeconds(10),
              () -> api.get("/v1/jobs?_flowId=" + flow).json(),
              l -> allEnded(l));
      assertThat(list.size()).isGreaterThanOrEqualTo(2);
      for (int i = 0; i + 1 < list.size(); i++) {
        JsonNode newer = list.get(i);
        JsonNode older = list.get(i + 1);
        assertThat(newer.has("startedAt")).as("job %s started", newer).isTrue();
        assertThat(older.has("endedAt")).as("job %s ended", older).isTrue();
        assertThat(newer.get("startedAt").asText())
            .isGreaterThanOrEqualTo(older.get("endedAt").asText());
      }
    }
  }

  @Test
  void transientFailuresAreRetriedByThemselvesWithBackoffAndResolvedErrorsExpire()
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger sinkCalls =
        new java.util.concurrent.atomic.AtomicInteger();
    remote.on(
        "GET",
        "/customers",
        req ->
            LocalApi.Response.ok(
                "1".equals(req.param("page")) ? "{\"items\":[{\"id\":10}]}" : "{\"items\":[]}"));
    remote.on("GET", "/orders", req -> LocalApi.Response.ok("{\"orders\":[]}"));
    remote.on(
        "POST",
        "/sink",
        req ->
            sinkCalls.incrementAndGet() <= 8
                ? LocalApi.Response.json(503, "{\"message\":\"busy\"}")
                : LocalApi.Response.json(201, "{\"id\":\"ok\"}"));
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse(
            "[{\"op\":\"add\",\"path\":\"/autoRetry\",\"value\":{\"enabled\":true,\"maxAttempts\":3,\"backoffSeconds\":60}}]"));
    String base = "/v1/flows/" + f.flowId() + "/" + f.id("imports.sink");
    JsonNode run = api.post("/v1/flows/" + f.flowId() + "/run?wait=60", "").json();
    assertThat(run.get("numError").asInt()).isEqualTo(1);
    JsonNode error = api.get(base + "/errors").json().at("/errors/0");
    assertThat(error.get("retryable").asBoolean()).isTrue();
    assertThat(error.get("attempts").asInt()).isZero();

    server.app().schedules().tick();
    assertThat(api.get("/v1/jobs?_flowId=" + f.flowId() + "&type=retry").json()).isEmpty();
    minutes(1);
    clock.advance(Duration.ofSeconds(5));
    server.app().schedules().tick();
    JsonNode firstRetry = api.get("/v1/jobs?_flowId=" + f.flowId() + "&type=retry").json().get(0);
    assertThat(waitDone(firstRetry.get("_id").asText()).get("numError").asInt()).isEqualTo(1);
    JsonNode again = api.get(base + "/errors").json().at("/errors/0");
    assertThat(again.get("attempts").asInt()).isEqualTo(1);
    assertThat(again.get("retryOf").asText()).isEqualTo(error.get("errorId").asText());

    minutes(1);
    assertThat(api.get("/v1/jobs?_flowId=" + f.flowId() + "&type=retry").json())
        .as("backoff doubles")
        .hasSize(1);
    minutes(2);
    JsonNode second = api.get("/v1/jobs?_flowId=" + f.flowId() + "&type=retry").json().get(0);
    assertThat(waitDone(second.get("_id").asText()).get("numSuccess").asInt()).isEqualTo(1);
    assertThat(api.get(base + "/errors").json().get("errors")).isEmpty();
    assertThat(api.get(base + "/resolved").json().get("errors")).hasSize(2);

    clock.advance(Duration.ofDays(31));
    server.app().schedules().tick();
    assertThat(api.get(base + "/resolved").json().get("errors")).isEmpty();
  }

  @Test
  void autoRetrySettingsAreValidated() {
    ApiClient.Response r =
        api.patch(
            "/v1/flows/" + f.flowId(),
            Json.parse(
                "[{\"op\":\"add\",\"path\":\"/autoRetry\",\"value\":{\"enabled\":\"yes\",\"maxAttempts\":0}}]"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.errorFields()).contains("autoRetry.enabled", "autoRetry.maxAttempts");
  }
}
