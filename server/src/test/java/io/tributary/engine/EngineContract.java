package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flows run for real against a local HTTP API: records, counters, errors, delta, cancel, queue. */
abstract class EngineContract {
  protected TestServer server;
  protected ApiClient api;
  protected LocalApi remote;
  protected final List<JsonNode> sunk = new java.util.concurrent.CopyOnWriteArrayList<>();

  abstract boolean postgres();

  @BeforeEach
  void start() {
    server = TestServer.start(postgres());
    api = server.client();
    remote = new LocalApi();
  }

  @AfterEach
  void stop() {
    remote.close();
    server.close();
  }

  /** customers 1..n, in pages of 20 from page 1; orders per customer; a sink that stores records. */
  protected void customersApi(int n) {
    remote.on("GET", "/customers", req -> {
      int page = Integer.parseInt(req.param("page"));
      ArrayNode items = Json.MAPPER.createArrayNode();
      for (int i = (page - 1) * 20 + 1; i <= Math.min(n, page * 20); i++) items.addObject().put("id", i).put("name", "customer " + i);
      return LocalApi.Response.ok(Json.object().set("items", items).toString());
    });
    remote.on("GET", "/orders", req -> {
      int customer = Integer.parseInt(req.param("customer"));
      ArrayNode orders = Json.MAPPER.createArrayNode();
      for (int i = 0; i < customer % 3; i++) orders.addObject().put("orderId", customer * 100 + i);
      return LocalApi.Response.ok(Json.object().set("orders", orders).toString());
    });
    AtomicInteger ids = new AtomicInteger();
    remote.on("POST", "/sink", req -> {
      sunk.add(Json.read(req.body()));
      return LocalApi.Response.json(201, "{\"id\":\"sink-" + ids.incrementAndGet() + "\"}");
    });
  }

  protected JsonNode runAndWait(String flowId, String body) {
    ApiClient.Response r = api.post("/v1/flows/" + flowId + "/run?wait=60", body == null ? "" : body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The child job of a step, by the export or import it ran. */
  protected static JsonNode child(JsonNode flowJob, String resourceId) {
    for (JsonNode c : flowJob.get("children")) {
      if (resourceId.equals(c.path("_exportId").asText()) || resourceId.equals(c.path("_importId").asText())) return c;
    }
    throw new AssertionError("no child job for " + resourceId + " in " + flowJob);
  }

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
    assertThat(remote.requests("GET", "/customers")).extracting(r -> r.param("page")).containsExactly("1", "2", "3", "4");
    assertThat(remote.requests("GET", "/customers").get(0).header("Authorization")).isEqualTo("Bearer s3cret-token");
    assertThat(remote.requests("GET", "/orders")).hasSize(45);

    assertThat(sunk).hasSize(45);
    JsonNode seven = sunk.stream().filter(r -> r.path("customerId").asInt() == 7).findFirst().orElseThrow();
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
}
