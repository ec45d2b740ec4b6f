package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.ScriptedAdaptor;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 3: a cancel ends a job within seconds even when an adaptor call in it is stuck
 * (interrupted, or abandoned when it ignores interrupts), and the flow's later runs are not blocked
 * behind it. Waits on the wall clock, so an IT.
 */
class StuckJobCancelIT {
  private static final long ENDS_WITHIN_MILLIS = 20_000;
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = TestServer.start(false);
    api = server.client();
  }

  @AfterEach
  void stop() {
    ScriptedAdaptor.release();
    server.close();
  }

  private String create(String kind, String json) {
    ApiClient.Response r = api.post("/v1/" + kind, Json.parse(json));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  private record Flow(String flowId, String exportId) {}

  private Flow flow(String exportWrapper) {
    String c = create("connections", "{\"type\":\"wrapper\",\"name\":\"scripted\"}");
    String e =
        create(
            "exports",
            "{\"name\":\"src\",\"_connectionId\":\""
                + c
                + "\",\"adaptorType\":\"WrapperExport\",\"wrapper\":"
                + exportWrapper
                + "}");
    String i =
        create(
            "imports",
            "{\"name\":\"dst\",\"_connectionId\":\""
                + c
                + "\",\"adaptorType\":\"WrapperImport\",\"wrapper\":{}}");
    return new Flow(
        create(
            "flows",
            "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
                + e
                + "\"}],"
                + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
                + i
                + "\"}]}"),
        e);
  }

  private String startStuck(Flow f) throws InterruptedException {
    int before = ScriptedAdaptor.STUCK.get();
    String jobId = api.post("/v1/flows/" + f.flowId() + "/run", "").json().get("_jobId").asText();
    long deadline = System.currentTimeMillis() + ENDS_WITHIN_MILLIS;
    while (ScriptedAdaptor.STUCK.get() == before) {
      assertThat(System.currentTimeMillis()).as("the export got stuck").isLessThan(deadline);
      Thread.sleep(20);
    }
    return jobId;
  }

  private JsonNode awaitEnd(String jobId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ENDS_WITHIN_MILLIS;
    JsonNode job = api.get("/v1/jobs/" + jobId).json();
    while (!java.util.List.of("completed", "failed", "canceled")
        .contains(job.get("status").asText())) {
      assertThat(System.currentTimeMillis())
          .as("job %s ended: %s", jobId, job)
          .isLessThan(deadline);
      Thread.sleep(50);
      job = api.get("/v1/jobs/" + jobId).json();
    }
    return job;
  }

  @Test
  void aCancelInterruptsAStuckAdaptorCall() throws Exception {
    Flow f = flow("{\"records\":60,\"hangOnPage\":2}");
    String jobId = startStuck(f);
    assertThat(api.put("/v1/jobs/" + jobId + "/cancel", "").status()).isEqualTo(200);
    JsonNode job = awaitEnd(jobId);
    assertThat(job.get("status").asText()).isEqualTo("canceled");
    assertThat(job.get("children")).allMatch(c -> c.get("status").asText().equals("canceled"));
  }

  @Test
  void aCallThatIgnoresInterruptsIsAbandonedAndTheFlowRunsAgain() throws Exception {
    Flow f = flow("{\"records\":60,\"hangOnPage\":2,\"ignoreInterrupts\":true}");
    String jobId = startStuck(f);
    String queued = api.post("/v1/flows/" + f.flowId() + "/run", "").json().get("_jobId").asText();
    assertThat(api.put("/v1/jobs/" + jobId + "/cancel", "").status()).isEqualTo(200);
    JsonNode job = awaitEnd(jobId);
    assertThat(job.get("status").asText()).isEqualTo("canceled");
    assertThat(job.path("errors").path(0).path("code").asText()).isEqualTo("abandoned");

    // The run queued behind it starts (and gets stuck the same way; cancel it too).
    assertThat(api.get("/v1/jobs/" + queued).json().get("status").asText())
        .isIn("queued", "running");
    api.put("/v1/jobs/" + queued + "/cancel", "");
    assertThat(awaitEnd(queued).get("status").asText()).isEqualTo("canceled");

    ObjectNode export = (ObjectNode) api.get("/v1/exports/" + f.exportId()).json();
    export.set("wrapper", Json.parse("{\"records\":60}"));
    assertThat(api.put("/v1/exports/" + f.exportId(), export).status()).isEqualTo(200);
    ApiClient.Response later = api.post("/v1/flows/" + f.flowId() + "/run?wait=30", "");
    assertThat(later.status()).as(later.body()).isEqualTo(200);
    assertThat(later.json().get("status").asText()).isEqualTo("completed");
    assertThat(later.json().get("numExport").asInt()).isEqualTo(60);
  }
}
