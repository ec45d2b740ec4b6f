package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real server and a local HTTP API playing the systems a flow reads and writes. */
abstract class EngineTestBase {
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

  /**
   * customers 1..n, in pages of 20 from page 1; orders per customer; a sink that stores records.
   */
  protected void customersApi(int n) {
    remote.on(
        "GET",
        "/customers",
        req -> {
          int page = Integer.parseInt(req.param("page"));
          ArrayNode items = Json.MAPPER.createArrayNode();
          for (int i = (page - 1) * 20 + 1; i <= Math.min(n, page * 20); i++)
            items.addObject().put("id", i).put("name", "customer " + i);
          return LocalApi.Response.ok(Json.object().set("items", items).toString());
        });
    remote.on(
        "GET",
        "/orders",
        req -> {
          int customer = Integer.parseInt(req.param("customer"));
          ArrayNode orders = Json.MAPPER.createArrayNode();
          for (int i = 0; i < customer % 3; i++)
            orders.addObject().put("orderId", customer * 100 + i);
          return LocalApi.Response.ok(Json.object().set("orders", orders).toString());
        });
    AtomicInteger ids = new AtomicInteger();
    remote.on(
        "POST",
        "/sink",
        req -> {
          sunk.add(Json.read(req.body()));
          return LocalApi.Response.json(201, "{\"id\":\"sink-" + ids.incrementAndGet() + "\"}");
        });
  }

  protected JsonNode runAndWait(String flowId, String body) {
    ApiClient.Response r =
        api.post("/v1/flows/" + flowId + "/run?wait=60", body == null ? "" : body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The child job of a step, by the export or import it ran. */
  protected static JsonNode child(JsonNode flowJob, String resourceId) {
    for (JsonNode c : flowJob.get("children")) {
      if (resourceId.equals(c.path("_exportId").asText())
          || resourceId.equals(c.path("_importId").asText())) return c;
    }
    throw new AssertionError("no child job for " + resourceId + " in " + flowJob);
  }

  /** A source of n customers and a sink answering 422 for ids divisible by {@code rejectEvery}. */
  protected FlowFixture rejectingSink(int n, int rejectEvery, boolean proceedOnFailure) {
    customersApi(n);
    remote.on(
        "POST",
        "/sink",
        req -> {
          JsonNode rec = Json.read(req.body());
          if (rec.path("customerId").asInt() % rejectEvery == 0) {
            return LocalApi.Response.json(
                422, "{\"errors\":[{\"code\":\"invalid\",\"message\":\"customer rejected\"}]}");
          }
          sunk.add(rec);
          return LocalApi.Response.json(201, "{\"id\":\"x\"}");
        });
    FlowFixture f = FlowFixture.load(api, "paged-lookup-import", remote.baseUrl());
    if (proceedOnFailure) {
      JsonNode flow = api.get("/v1/flows/" + f.flowId()).json();
      ((ObjectNode) flow.at("/pageProcessors/0")).put("proceedOnFailure", true);
      assertThat(api.put("/v1/flows/" + f.flowId(), flow).status()).isEqualTo(200);
    }
    return f;
  }

  /** The job once it ended; fails the test when it has not ended within 60 s. */
  protected JsonNode waitFor(String jobId) {
    return Waits.until(
        "job " + jobId + " to end",
        java.time.Duration.ofSeconds(60),
        () -> api.get("/v1/jobs/" + jobId).json(),
        job -> List.of("completed", "failed", "canceled").contains(job.get("status").asText()));
  }
}
