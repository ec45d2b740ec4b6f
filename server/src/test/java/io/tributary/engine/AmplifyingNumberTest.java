package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2 end to end: a record whose number would render to tens of megabytes fails alone,
 * as a counted record error with its retry data; the other records of its page are delivered.
 */
class AmplifyingNumberTest extends EngineTestBase {
  @Override
  boolean postgres() {
    return false;
  }

  @Test
  void aRecordWithAHugeNumberFailsAloneAndTheOthersAreDelivered() {
    remote.on(
        "GET",
        "/items",
        req ->
            LocalApi.Response.ok(
                "{\"items\":[{\"id\":1,\"n\":1e30000000},{\"id\":2,\"n\":5},{\"id\":3,\"n\":2.50}]}"));
    List<String> delivered = new CopyOnWriteArrayList<>();
    remote.on(
        "POST",
        "/sink",
        req -> {
          delivered.add(req.body().isEmpty() ? "?n=" + req.param("n") : req.body());
          return LocalApi.Response.json(201, "{\"id\":\"ok\"}");
        });
    FlowFixture f = FlowFixture.load(api, "amplifying-number", remote.baseUrl());
    JsonNode job = runAndWait(f.flowId(), null);

    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("numExport").asInt()).isEqualTo(3);
    JsonNode body = child(job, f.id("imports.sink"));
    assertThat(body.get("numSuccess").asInt()).isEqualTo(2);
    assertThat(body.get("numError").asInt()).isEqualTo(1);
    JsonNode uri = child(job, f.id("imports.uri"));
    assertThat(uri.get("numSuccess").asInt() + uri.get("numError").asInt())
        .as("proceedOnFailure: all three reach it")
        .isEqualTo(3);
    assertThat(uri.get("numError").asInt()).isEqualTo(1);
    assertThat(delivered).hasSize(4).allMatch(d -> d.length() < 100);
    assertThat(delivered).contains("{\"id\": 2, \"n\": 5}", "{\"id\": 3, \"n\": 2.5}");

    JsonNode errors =
        api.get("/v1/flows/" + f.flowId() + "/" + f.id("imports.sink") + "/errors")
            .json()
            .get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("message").asText()).contains("too large").hasSizeLessThan(2000);
    String key = errors.get(0).get("retryDataKey").asText();
    JsonNode data =
        api.get("/v1/flows/" + f.flowId() + "/" + f.id("imports.sink") + "/" + key + "/data")
            .json()
            .get("data");
    assertThat(data.get("id").asInt()).isEqualTo(1);
    assertThat(data.get("n").decimalValue())
        .isEqualByComparingTo(new java.math.BigDecimal("1e30000000"));
  }
}
