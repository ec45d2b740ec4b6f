package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Flows run for real against a local HTTP API: what needs the HTTP adaptor (paging, auth, retries,
 * refused credentials), runs, queues and cancel. Engine behaviour that needs no remote system is in
 * the JSON fixtures of {@link FlowFixturesContract}.
 */
abstract class EngineContract extends EngineTestBase {
  @Test
  void pagedSourceThroughLookupAndImportArrivesWhole() {
    customersApi(45);
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    JsonNode job = runAndWait(f.flowId(), null);

    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("numExport").asInt()).isEqualTo(45);
    assertThat(job.get("numSuccess").asInt()).isEqualTo(45);
    assertThat(job.get("numError").asInt()).isZero();
    assertThat(job.get("numPagesGenerated").asInt()).isEqualTo(3);
    assertThat(remote.requests("GET", "/customers"))
        .extracting(r -> r.param("page"))
        .containsExactly("1", "2", "3", "4");
    assertThat(remote.requests("GET", "/customers").get(0).header("Authorization"))
        .isEqualTo("Bearer s3cret-token");
    assertThat(remote.requests("GET", "/orders")).hasSize(45);

    assertThat(sunk).hasSize(45);
    JsonNode seven =
        sunk.stream().filter(r -> r.path("customerId").asInt() == 7).findFirst().orElseThrow();
    assertThat(seven.get("fullName").asText()).isEqualTo("customer 7");
    assertThat(seven.get("source").asText()).isEqualTo("tributary");
    assertThat(seven.get("orders").toString()).isEqualTo("[{\"orderId\":700}]");

    JsonNode exportJob = child(job, f.id("exports.customers"));
    assertThat(exportJob.get("numExport").asInt()).isEqualTo(45);
    assertThat(exportJob.get("numPagesGenerated").asInt()).isEqualTo(3);
    assertThat(exportJob.get("doneExporting").asBoolean()).isTrue();
    JsonNode lookupJob = child(job, f.id("exports.orders"));
    assertThat(lookupJob.get("numSuccess").asInt()).isEqualTo(45);
    assertThat(lookupJob.get("oIndex").asInt()).isZero();
    JsonNode importJob = child(job, f.id("imports.sink"));
    assertThat(importJob.get("numSuccess").asInt()).isEqualTo(45);
    assertThat(importJob.get("oIndex").asInt()).isEqualTo(1);
    assertThat(importJob.get("_flowJobId").asText()).isEqualTo(job.get("_id").asText());
    assertThat(importJob.get("status").asText()).isEqualTo("completed");
  }

  @Test
  void rejectedRecordsAreKeptAsErrorsWithTheirRetryDataAndCountersAddUp() {
    FlowFixture f = rejectingSink(30, 10, false);
    JsonNode job = runAndWait(f.flowId(), null);
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("numExport").asInt()).isEqualTo(30);
    assertThat(job.get("numError").asInt()).isEqualTo(3);
    assertThat(job.get("numSuccess").asInt()).isEqualTo(27);
    assertThat(job.get("numOpenError").asInt()).isEqualTo(3);
    JsonNode importJob = child(job, f.id("imports.sink"));
    assertThat(
            importJob.get("numSuccess").asInt()
                + importJob.get("numError").asInt()
                + importJob.get("numIgnore").asInt())
        .isEqualTo(30);
    assertThat(sunk).hasSize(27);

    JsonNode errors =
        api.get("/v1/flows/" + f.flowId() + "/" + f.id("imports.sink") + "/errors")
            .json()
            .get("errors");
    assertThat(errors).hasSize(3);
    JsonNode first = errors.get(0);
    assertThat(first.get("message").asText()).contains("customer rejected");
    assertThat(first.get("source").asText()).isEqualTo("application");
    assertThat(first.get("code").asText()).isEqualTo("422");
    assertThat(first.get("traceKey").asText()).isIn("10", "20", "30");
    assertThat(first.get("_flowJobId").asText()).isEqualTo(job.get("_id").asText());
    JsonNode data =
        api.get(
                "/v1/flows/"
                    + f.flowId()
                    + "/"
                    + f.id("imports.sink")
                    + "/"
                    + first.get("retryDataKey").asText()
                    + "/data")
            .json();
    assertThat(data.at("/data/id").asInt()).isEqualTo(first.get("traceKey").asInt());
    assertThat(data.at("/data/orderList")).isNotNull();
  }

  @Test
  void deltaWindowsFilteredRecordsAndParams() {
    List<LocalApi.Request> calls = new ArrayList<>();
    remote.on(
        "GET",
        "/changes",
        req -> {
          calls.add(req);
          return LocalApi.Response.ok(
              "{\"items\":[{\"id\":1,\"status\":\"ok\"},{\"id\":2,\"status\":\"draft\"},{\"id\":3,\"status\":\"ok\"}]}");
        });
    remote.on(
        "POST",
        "/sink",
        req -> {
          sunk.add(Json.read(req.body()));
          return LocalApi.Response.json(200, "{}");
        });
    FlowFixture f = FlowFixture.load(api, "delta-import", remote.baseUrl());
    JsonNode first = runAndWait(f.flowId(), "{\"params\":{\"sku\":\"A 1\"}}");
    assertThat(first.get("numIgnore").asInt()).isEqualTo(1);
    assertThat(first.get("numSuccess").asInt()).isEqualTo(2);
    assertThat(first.at("/params/sku").asText()).isEqualTo("A 1");
    assertThat(sunk).extracting(n -> n.get("id").asInt()).containsExactly(1, 3);
    assertThat(calls.get(0).param("since")).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(calls.get(0).param("sku")).isEqualTo("A 1");
    assertThat(calls.get(0).header("Authorization")).isEqualTo("Basic dXNlcjpwdw==");
    String firstUntil = calls.get(0).param("until");

    runAndWait(f.flowId(), null);
    assertThat(calls.get(1).param("since")).isEqualTo(firstUntil);
    assertThat(
            api.get("/v1/flows/" + f.flowId() + "/lastExportDateTime")
                .json()
                .get("lastExportDateTime")
                .asText())
        .isEqualTo(calls.get(1).param("until"));

    runAndWait(
        f.flowId(),
        "{\"startDate\":\"2024-01-01T00:00:00Z\",\"endDate\":\"2024-01-31T00:00:00.000Z\"}");
    assertThat(calls.get(2).param("since")).isEqualTo("2024-01-01T00:00:00.000Z");
    assertThat(calls.get(2).param("until")).isEqualTo("2024-01-31T00:00:00.000Z");
  }

  @Test
  void aFailedRunKeepsTheDeltaMark() {
    AtomicInteger calls = new AtomicInteger();
    List<String> since = new java.util.concurrent.CopyOnWriteArrayList<>();
    remote.on(
        "GET",
        "/changes",
        req -> {
          since.add(req.param("since"));
          return calls.incrementAndGet() == 2
              ? LocalApi.Response.json(200, "not json")
              : LocalApi.Response.ok("{\"items\":[]}");
        });
    FlowFixture f = FlowFixture.load(api, "delta-import", remote.baseUrl());
    runAndWait(f.flowId(), null);
    JsonNode failed = runAndWait(f.flowId(), null);
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.at("/errors/0/message").asText()).isNotBlank();
    runAndWait(f.flowId(), null);
    assertThat(since.get(2)).isEqualTo(since.get(1));
  }

  @Test
  void rateLimitsAndServerErrorsAreRetried() {
    customersApi(5);
    AtomicInteger sinkCalls = new AtomicInteger();
    remote.on(
        "POST",
        "/sink",
        req -> {
          int n = sinkCalls.incrementAndGet();
          if (n == 1) return new LocalApi.Response(429, java.util.Map.of("Retry-After", "1"), "{}");
          if (n == 2) return LocalApi.Response.json(503, "{}");
          sunk.add(Json.read(req.body()));
          return LocalApi.Response.json(201, "{\"id\":\"ok\"}");
        });
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    JsonNode job = runAndWait(f.flowId(), null);
    assertThat(job.get("numSuccess").asInt()).isEqualTo(5);
    assertThat(job.get("numError").asInt()).isZero();
    assertThat(sunk).hasSize(5);
    assertThat(sinkCalls.get()).isEqualTo(7);
  }

  @Test
  void refusedCredentialsFailTheJobAndTakeTheConnectionOffline() {
    remote.on(
        "GET", "/customers", req -> LocalApi.Response.json(401, "{\"message\":\"bad token\"}"));
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    JsonNode job = runAndWait(f.flowId(), null);
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.toString()).doesNotContain("s3cret-token");
    assertThat(
            api.get("/v1/connections/" + f.id("connections.api")).json().get("offline").asBoolean())
        .isTrue();
    JsonNode next = runAndWait(f.flowId(), null);
    assertThat(next.get("status").asText()).isEqualTo("failed");
    assertThat(next.at("/errors/0/message").asText()).contains("offline");
    remote.on("GET", "/", req -> LocalApi.Response.ok("{}"));
    JsonNode ping = api.get("/v1/connections/" + f.id("connections.api") + "/ping").json();
    assertThat(ping.get("code").asInt()).isEqualTo(200);
    assertThat(
            api.get("/v1/connections/" + f.id("connections.api")).json().get("offline").asBoolean())
        .isFalse();
  }

  @Test
  void runsQueueOneAtATimeAndCancelStopsAtAPageBoundary() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    remote.on(
        "GET",
        "/customers",
        req -> {
          awaitQuietly(release);
          int page = Integer.parseInt(req.param("page"));
          return LocalApi.Response.ok(
              page > 50 ? "{\"items\":[]}" : "{\"items\":[{\"id\":" + page + "}]}");
        });
    remote.on("GET", "/orders", req -> LocalApi.Response.ok("{\"orders\":[]}"));
    remote.on("POST", "/sink", req -> LocalApi.Response.json(201, "{}"));
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    String first = api.post("/v1/flows/" + f.flowId() + "/run", "").json().get("_jobId").asText();
    ApiClient.Response second = api.post("/v1/flows/" + f.flowId() + "/run", "");
    assertThat(second.status()).isEqualTo(201);
    String secondId = second.json().get("_jobId").asText();
    assertThat(api.get("/v1/jobs/" + secondId).json().get("status").asText()).isEqualTo("queued");
    JsonNode canceled = api.put("/v1/jobs/" + secondId + "/cancel", "").json();
    assertThat(canceled.get("status").asText()).isEqualTo("canceled");

    ApiClient.Response third = api.post("/v1/flows/" + f.flowId() + "/run?wait=1", "");
    assertThat(third.status()).as("still queued behind the first").isEqualTo(202);
    assertThat(third.json().get("status").asText()).isEqualTo("queued");

    assertThat(api.put("/v1/jobs/" + first + "/cancel", "").status()).isEqualTo(200);
    release.countDown();
    JsonNode stopped = waitFor(first);
    assertThat(stopped.get("status").asText()).isEqualTo("canceled");
    assertThat(stopped.get("numPagesGenerated").asInt()).isLessThan(50);
    JsonNode thirdDone = waitFor(third.json().get("_id").asText());
    assertThat(thirdDone.get("status").asText()).isEqualTo("completed");
    assertThat(thirdDone.get("numExport").asInt()).isEqualTo(50);
  }

  @Test
  void runRequestsAreValidated() {
    customersApi(1);
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    assertThat(
            api.post(
                    "/v1/flows/" + f.flowId() + "/run",
                    "{\"_exportIds\":[\"" + f.id("exports.orders") + "\"]}")
                .status())
        .isEqualTo(422);
    assertThat(api.post("/v1/flows/" + f.flowId() + "/run", "{\"startDate\":\"soon\"}").status())
        .isEqualTo(422);
    assertThat(api.post("/v1/flows/" + f.flowId() + "/run", "{\"params\":[1]}").status())
        .isEqualTo(422);
    assertThat(api.post("/v1/flows/" + f.flowId() + "/run?wait=301", "").status()).isEqualTo(400);
    assertThat(api.post("/v1/flows/0123456789abcdef01234567/run", "").status()).isEqualTo(404);
    api.patch(
        "/v1/flows/" + f.flowId(),
        Json.parse("[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":true}]"));
    ApiClient.Response disabled = api.post("/v1/flows/" + f.flowId() + "/run", "");
    assertThat(disabled.status()).isEqualTo(422);
    assertThat(disabled.errorCode()).isEqualTo("flow_disabled");
  }

  @Test
  void jobsAreFoundByFlowAndTheLatest() {
    customersApi(3);
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    JsonNode one = runAndWait(f.flowId(), null);
    JsonNode two = runAndWait(f.flowId(), null);
    ApiClient.Response none = api.get("/v1/jobs");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.errorCode()).isEqualTo("invalid_query");
    assertThat(api.get("/v1/jobs?type=import").status()).isEqualTo(400);
    JsonNode byFlow = api.get("/v1/jobs?_flowId=" + f.flowId()).json();
    assertThat(byFlow)
        .extracting(j -> j.get("_id").asText())
        .containsExactly(two.get("_id").asText(), one.get("_id").asText());
    assertThat(api.get("/v1/jobs?_flowJobId=" + one.get("_id").asText() + "&type=import").json())
        .hasSize(1);
    assertThat(api.get("/v1/jobs?_flowId=" + f.flowId() + "&numSuccess_gte=4").json()).isEmpty();
    assertThat(
            api.get("/v1/flows/" + f.flowId() + "/jobs/latest").json().get(0).get("_id").asText())
        .isEqualTo(two.get("_id").asText());
  }

  @Test
  void jobsLeftRunningByAStoppedProcessResumeOnStartAndQueuedOnesRunAfter() throws Exception {
    customersApi(3);
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    var jobs =
        new io.tributary.jobs.JobStore(
            server.app().database().jdbi(),
            new io.tributary.core.Ids(java.time.Clock.systemUTC()),
            java.time.Clock.systemUTC());
    String stuck =
        jobs.create(
            new io.tributary.jobs.JobStore.NewJob(
                io.tributary.jobs.JobType.FLOW,
                f.flowId(),
                null,
                null,
                null,
                null,
                io.tributary.jobs.JobStatus.RUNNING,
                Json.object()));
    String waiting =
        jobs.create(
            new io.tributary.jobs.JobStore.NewJob(
                io.tributary.jobs.JobType.FLOW,
                f.flowId(),
                null,
                null,
                null,
                null,
                io.tributary.jobs.JobStatus.QUEUED,
                Json.object()));
    server.restart();
    api = server.client();
    // D26: a job no live node runs is resumed (here from the start: it had no checkpoint).
    JsonNode resumed = waitFor(stuck);
    assertThat(resumed.get("status").asText()).as(resumed.toString()).isEqualTo("completed");
    assertThat(resumed.get("numSuccess").asInt()).isEqualTo(3);
    JsonNode ran = waitFor(waiting);
    assertThat(ran.get("status").asText()).isEqualTo("completed");
    assertThat(ran.get("numSuccess").asInt()).isEqualTo(3);
  }

  @Test
  void pageGeneratorsRunInParallelWhenAsked() throws Exception {
    customersApi(40);
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    JsonNode flow = api.get("/v1/flows/" + f.flowId()).json();
    String second =
        api.post(
                "/v1/exports",
                Json.parse(
                    """
        {"name":"customers again","_connectionId":"%s","http":{"method":"GET","relativeURI":"/customers?page={{export.http.paging.page}}",
         "paging":{"method":"page","page":1},"response":{"resourcePath":"items"}}}"""
                        .formatted(f.id("connections.api"))))
            .json()
            .get("_id")
            .asText();
    ((ArrayNode) flow.get("pageGenerators")).addObject().put("_exportId", second);
    ((ObjectNode) flow).put("runPageGeneratorsInParallel", true);
    assertThat(api.put("/v1/flows/" + f.flowId(), flow).status()).isEqualTo(200);
    JsonNode job = runAndWait(f.flowId(), null);
    assertThat(job.get("numExport").asInt()).isEqualTo(80);
    assertThat(job.get("numSuccess").asInt()).isEqualTo(80);
    assertThat(sunk).hasSize(80);
    assertThat(child(job, second).get("numExport").asInt()).isEqualTo(40);

    sunk.clear();
    JsonNode onlySecond = runAndWait(f.flowId(), "{\"_exportIds\":[\"" + second + "\"]}");
    assertThat(onlySecond.get("numExport").asInt()).isEqualTo(40);
    assertThat(onlySecond.get("_exportIds").get(0).asText()).isEqualTo(second);
  }

  @Test
  void replacingAConnectionCancelsTheFlowsJobs() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    remote.on(
        "GET",
        "/customers",
        req -> {
          awaitQuietly(release);
          return LocalApi.Response.ok("{\"items\":[]}");
        });
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    String running = api.post("/v1/flows/" + f.flowId() + "/run", "").json().get("_jobId").asText();
    String queued = api.post("/v1/flows/" + f.flowId() + "/run", "").json().get("_jobId").asText();
    String other =
        api.post(
                "/v1/connections",
                Json.parse(
                    "{\"type\":\"http\",\"name\":\"n\",\"http\":{\"baseURI\":\""
                        + remote.baseUrl()
                        + "\"}}"))
            .json()
            .get("_id")
            .asText();
    ApiClient.Response r =
        api.put(
            "/v1/flows/" + f.flowId() + "/replaceConnection",
            Json.parse(
                "{\"_connectionId\":\""
                    + f.id("connections.api")
                    + "\",\"_newConnectionId\":\""
                    + other
                    + "\"}"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(api.get("/v1/jobs/" + queued).json().get("status").asText()).isEqualTo("canceled");
    release.countDown();
    assertThat(waitFor(running).get("status").asText()).isEqualTo("canceled");
  }

  /**
   * Holds a stand-in system's answer until the test releases it; fails (the call answers 500) after
   * 20 s.
   */
  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      if (!latch.await(20, java.util.concurrent.TimeUnit.SECONDS))
        throw new AssertionError("the test never released the call");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while holding a call", e);
    }
  }
}
