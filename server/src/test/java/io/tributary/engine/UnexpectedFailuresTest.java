package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: an {@code Error} (not only a RuntimeException) thrown anywhere on a run path
 * ends as counted record errors or a failed job with a message; counts always add up. The
 * misbehaving adaptor is {@link io.tributary.testing.ScriptedAdaptor} (wrapper connections).
 */
class UnexpectedFailuresTest {
  private TestServer server;
  private ApiClient api;

  @BeforeEach
  void start() {
    server = TestServer.start(false);
    api = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String create(String kind, String json) {
    ApiClient.Response r = api.post("/v1/" + kind, Json.parse(json));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  /**
   * A flow from a wrapper export to a wrapper import, each with the given {@code wrapper} block.
   */
  private String flow(String exportExtra, String importWrapper) {
    String c = create("connections", "{\"type\":\"wrapper\",\"name\":\"scripted\"}");
    String e =
        create(
            "exports",
            "{\"name\":\"src\",\"_connectionId\":\""
                + c
                + "\",\"adaptorType\":\"WrapperExport\","
                + exportExtra
                + "}");
    String i =
        create(
            "imports",
            "{\"name\":\"dst\",\"_connectionId\":\""
                + c
                + "\",\"adaptorType\":\"WrapperImport\",\"wrapper\":"
                + importWrapper
                + "}");
    return create(
        "flows",
        "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\""
            + e
            + "\"}],"
            + "\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\""
            + i
            + "\"}]}");
  }

  private JsonNode runAndWait(String flowId) {
    ApiClient.Response r = api.post("/v1/flows/" + flowId + "/run?wait=30", "");
    assertThat(r.status()).as("the job ended: " + r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonNode importJob(JsonNode flowJob) {
    for (JsonNode c : flowJob.get("children")) if (c.has("_importId")) return c;
    throw new AssertionError("no import child in " + flowJob);
  }

  @Test
  void anErrorThrownBySubmitFailsThatCallsRecordsAndTheOthersGoOn() {
    String flowId =
        flow("\"wrapper\":{\"records\":60}", "{\"throwOnId\":25,\"error\":\"StackOverflowError\"}");
    JsonNode job = runAndWait(flowId);
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("numExport").asInt()).isEqualTo(60);
    JsonNode imp = importJob(job);
    assertThat(imp.get("numSuccess").asInt()).isEqualTo(40);
    assertThat(imp.get("numError").asInt())
        .as("the 20 records of the page that threw")
        .isEqualTo(20);
    assertThat(job.get("numError").asInt()).isEqualTo(20);
    assertThat(
            imp.get("numSuccess").asInt()
                + imp.get("numError").asInt()
                + imp.get("numIgnore").asInt())
        .isEqualTo(60);
    JsonNode errors =
        api.get("/v1/flows/" + flowId + "/" + imp.get("_importId").asText() + "/errors")
            .json()
            .get("errors");
    assertThat(errors).hasSize(20);
    assertThat(errors.get(0).get("message").asText()).contains("StackOverflowError");
    assertThat(errors.get(0).has("retryDataKey")).as("kept for retry").isTrue();
  }

  @Test
  void anErrorThrownByTheSourceFailsTheJobWithItsMessage() {
    String flowId =
        flow("\"wrapper\":{\"records\":60,\"throwOnPage\":2,\"error\":\"OutOfMemoryError\"}", "{}");
    JsonNode job = runAndWait(flowId);
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.path("errors").path(0).path("message").asText()).contains("OutOfMemoryError");
    assertThat(importJob(job).get("numSuccess").asInt())
        .as("the first page went through")
        .isEqualTo(20);
    assertThat(runAndWait(flowId).get("status").asText())
        .as("the flow runs again")
        .isEqualTo("failed");
  }

  @Test
  void anErrorThrownAfterAPageFailsTheJobInsteadOfCompletingIt() {
    String flowId =
        flow(
            "\"type\":\"once\",\"wrapper\":{\"records\":30,\"pageDoneError\":\"AssertionError\"}",
            "{}");
    JsonNode job = runAndWait(flowId);
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.path("errors").path(0).path("message").asText()).contains("AssertionError");
    assertThat(importJob(job).get("numSuccess").asInt())
        .as("the records went through before")
        .isPositive();
  }
}
