package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.tiny.TinyAdaptor;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hooks over the API, beyond what a fixture can say: save-time and run-start checks of script
 * functions, retrying a hook's errors after fixing the script, the scripts' logs, and a script that
 * never ends while another flow runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HooksTest {
  private TestServer server;
  private ApiClient api;
  private String tiny;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    api = server.client();
    tiny = create("connections", "{\"type\":\"tiny\",\"name\":\"tiny\"}");
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private String create(String kind, String json) {
    ApiClient.Response r = api.post("/v1/" + kind, Json.parse(json));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  private String script(String content) {
    return create("scripts", Json.object().put("name", "s").put("content", content).toString());
  }

  /** A flow of {@code n} tiny records into a sink whose import runs preMap of {@code scriptId}. */
  private record Flow(String id, String importId, String sink) {}

  private Flow flow(String scriptId, int n) {
    String sink = "sink-" + UUID.randomUUID();
    String export =
        create(
            "exports",
            "{\"name\":\"e\",\"_connectionId\":\"%s\",\"pageSize\":20,\"tiny\":{\"generate\":%d}}"
                .formatted(tiny, n));
    String imp =
        create(
            "imports",
            ("{\"name\":\"i\",\"_connectionId\":\"%s\",\"tiny\":{\"sink\":\"%s\"},"
                    + "\"hooks\":{\"preMap\":{\"_scriptId\":\"%s\",\"function\":\"preMap\"}}}")
                .formatted(tiny, sink, scriptId));
    String flow =
        create(
            "flows",
            ("{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\"%s\"}],"
                    + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\"%s\"}]}")
                .formatted(export, imp));
    return new Flow(flow, imp, sink);
  }

  private JsonNode run(String flowId) {
    ApiClient.Response r = api.post("/v1/flows/" + flowId + "/run?wait=120", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aMissingFunctionIsRefusedAtSaveTime() {
    String s = script("function preMap(o) { return o.data.map(d => ({data: d})); }");
    ApiClient.Response r =
        api.post(
            "/v1/imports",
            Json.parse(
                ("{\"name\":\"i\",\"_connectionId\":\"%s\",\"tiny\":{},"
                        + "\"hooks\":{\"preMap\":{\"_scriptId\":\"%s\",\"function\":\"nope\"}}}")
                    .formatted(tiny, s)));
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.errorCode()).isEqualTo("invalid_ref");
    assertThat(r.errorFields()).containsExactly("hooks.preMap.function");
  }

  @Test
  void aFunctionGoneSinceSavingFailsTheRunAtItsStart() {
    String s = script("function preMap(o) { return o.data.map(d => ({data: d})); }");
    Flow f = flow(s, 3);
    assertThat(
            api.put(
                    "/v1/scripts/" + s,
                    Json.parse("{\"name\":\"s\",\"content\":\"function other(o) { return 1; }\"}"))
                .status())
        .isEqualTo(200);
    JsonNode job = run(f.id());
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.toString()).contains("preMap").contains("does not declare");
    assertThat(TinyAdaptor.SINKS.getOrDefault(f.sink(), List.of())).isEmpty();
  }

  @Test
  void retryingAHooksErrorsAfterFixingTheScriptRunsTheHookAgain() {
    String s =
        script(
            "function preMap(o) { console.log('preMap of', o.data.length);"
                + " throw new Error('not yet'); }");
    Flow f = flow(s, 3);
    JsonNode job = run(f.id());
    assertThat(job.get("numError").asInt()).isEqualTo(3);
    String base = "/v1/flows/" + f.id() + "/" + f.importId();
    JsonNode errors = api.get(base + "/errors").json().get("errors");
    assertThat(errors).hasSize(3);
    errors.forEach(e -> assertThat(e.get("code").asText()).isEqualTo("hook_failed"));
    assertThat(errors.get(0).get("message").asText()).contains("not yet");
    JsonNode data =
        api.get(base + "/" + errors.get(0).get("retryDataKey").asText() + "/data").json();
    assertThat(data.get("data").get("name").asText()).startsWith("customer ");

    // What the hook logged, tagged with its flow and job.
    JsonNode logs = api.get("/v1/scripts/" + s + "/logs").json();
    assertThat(logs).isNotEmpty();
    assertThat(logs.get(0).get("message").asText()).isEqualTo("preMap of 3");
    assertThat(logs.get(0).get("function").asText()).isEqualTo("preMap");
    assertThat(logs.get(0).get("_flowId").asText()).isEqualTo(f.id());
    assertThat(logs.get(0).get("_jobId").asText()).isEqualTo(job.get("_id").asText());

    api.put(
        "/v1/scripts/" + s,
        Json.parse(
            "{\"name\":\"s\",\"content\":\"function preMap(o) { return o.data.map(d =>"
                + " ({data: {...d, fixed: true}})); }\"}"));
    com.fasterxml.jackson.databind.node.ArrayNode keys = Json.MAPPER.createArrayNode();
    errors.forEach(e -> keys.add(e.get("retryDataKey").asText()));
    ApiClient.Response retry =
        api.post(base + "/retry", Json.object().set("retryDataKeys", keys).toString());
    assertThat(retry.status()).as(retry.body()).isEqualTo(201);
    JsonNode retryJob = waitFor(retry.json().get("_jobId").asText());
    assertThat(retryJob.get("numSuccess").asInt()).isEqualTo(3);
    List<JsonNode> sunk = TinyAdaptor.SINKS.getOrDefault(f.sink(), List.of());
    assertThat(sunk).hasSize(3).allMatch(r -> r.path("fixed").asBoolean());
    assertThat(api.get(base + "/errors").json().get("errors")).isEmpty();
  }

  @Test
  void aScriptThatNeverEndsIsStoppedWhileAnotherFlowRuns() throws Exception {
    Flow endless = flow(script("function preMap(o) { while (true) {} }"), 2);
    String busy =
        script(
            "function preMap(o) { const end = Date.now() + 500; while (Date.now() < end) {}"
                + " return o.data.map(d => ({data: d})); }");
    Flow fine = flow(busy, 5);
    // Both script workers up first (two flows at once), so nothing below waits for a start-up.
    Flow warm = flow(busy, 1);
    var a = CompletableFuture.supplyAsync(() -> run(fine.id()), threads);
    var b = CompletableFuture.supplyAsync(() -> run(warm.id()), threads);
    assertThat(a.get(300, TimeUnit.SECONDS).get("status").asText()).isEqualTo("completed");
    assertThat(b.get(300, TimeUnit.SECONDS).get("status").asText()).isEqualTo("completed");
    CompletableFuture<JsonNode> stuck =
        CompletableFuture.supplyAsync(() -> run(endless.id()), threads);
    // Wait until the endless hook is running, then run the other flow to its end meanwhile.
    long until = System.currentTimeMillis() + 60_000;
    while (!running(endless.id())) {
      if (System.currentTimeMillis() > until) fail("the endless flow never started");
      Thread.sleep(50);
    }
    JsonNode other = run(fine.id());
    assertThat(other.get("status").asText()).isEqualTo("completed");
    assertThat(other.get("numSuccess").asInt()).isEqualTo(5);
    threads.shutdown();
    assertThat(stuck.isDone()).as("the endless flow still ran when the other one ended").isFalse();
    JsonNode job = stuck.get(120, TimeUnit.SECONDS);
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("numError").asInt()).isEqualTo(2);
    JsonNode errors =
        api.get("/v1/flows/" + endless.id() + "/" + endless.importId() + "/errors")
            .json()
            .get("errors");
    List<String> codes = new ArrayList<>();
    errors.forEach(e -> codes.add(e.get("code").asText()));
    assertThat(codes).containsOnly("script_timeout");
  }

  /** Own threads: the common pool has one thread on a 2-core machine. */
  private final java.util.concurrent.ExecutorService threads =
      java.util.concurrent.Executors.newFixedThreadPool(3);

  private boolean running(String flowId) {
    ApiClient.Response r = api.get("/v1/flows/" + flowId + "/jobs/latest");
    if (r.status() != 200) return false;
    JsonNode j = r.json().isArray() ? r.json().path(0) : r.json();
    return "running".equals(j.path("status").asText());
  }

  private JsonNode waitFor(String jobId) {
    long until = System.currentTimeMillis() + 60_000;
    while (true) {
      JsonNode j = api.get("/v1/jobs/" + jobId).json();
      String status = j.path("status").asText();
      if (status.equals("completed") || status.equals("failed") || status.equals("canceled"))
        return j;
      if (System.currentTimeMillis() > until) fail("job " + jobId + " did not end: " + j);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
