package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.LocalApi;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D30 details around runs, jobs and errors, as the original's clients use them. */
class CompatibilityTest extends EngineTestBase {
  @Override
  boolean postgres() {
    return false;
  }

  private record Simple(
      String integration, String source, String target, String export, String imp, String flow) {}

  /** items 1..3 from one connection into a sink behind another; the sink answers {@code status}. */
  private Simple simpleFlow(int status) {
    remote.on(
        "GET",
        "/items",
        req -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}"));
    remote.on(
        "POST",
        "/sink",
        req ->
            LocalApi.Response.json(
                status, status == 401 ? "{\"message\":\"no\"}" : "{\"id\":\"x\"}"));
    Fixtures fx = new Fixtures(api);
    String integration = fx.integration("compat");
    String conn =
        """
        {"type":"http","name":"%s","http":{"baseURI":"%s","mediaType":"json","auth":{"type":"basic","basic":{"username":"u","password":"p"}}}}""";
    String source = fx.create("connections", conn.formatted("source", remote.baseUrl()));
    String target = fx.create("connections", conn.formatted("target", remote.baseUrl()));
    String export =
        fx.create(
            "exports",
            """
        {"name":"items","_connectionId":"%s","http":{"method":"GET","relativeURI":"/items","response":{"resourcePath":"items"}}}"""
                .formatted(source));
    String imp =
        fx.create(
            "imports",
            """
        {"name":"sink","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"]}}"""
                .formatted(target));
    String flow =
        fx.create(
            "flows",
            """
        {"name":"compat","_integrationId":"%s","pageGenerators":[{"_exportId":"%s"}],"pageProcessors":[{"type":"import","_importId":"%s"}]}"""
                .formatted(integration, export, imp));
    return new Simple(integration, source, target, export, imp, flow);
  }

  @Test
  void aRefusedStepTakesOnlyItsOwnConnectionOffline() {
    Simple s = simpleFlow(401);
    JsonNode job = runAndWait(s.flow(), null);
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(api.get("/v1/connections/" + s.target()).json().get("offline").asBoolean()).isTrue();
    assertThat(api.get("/v1/connections/" + s.source()).json().path("offline").asBoolean(false))
        .as("the source was fine")
        .isFalse();
  }

  @Test
  void jobsOfAFlowJobTheFamilyAndTheIntegrationsLatest() {
    Simple s = simpleFlow(201);
    JsonNode job = runAndWait(s.flow(), null);
    String id = job.get("_id").asText();
    List<String> children = new ArrayList<>();
    api.get("/v1/jobs?_flowJobId=" + id).json().forEach(c -> children.add(c.get("_id").asText()));
    assertThat(children).hasSize(2);
    job.get("children").forEach(c -> assertThat(children).contains(c.get("_id").asText()));

    JsonNode family = api.get("/v1/jobs/" + children.get(0) + "/family").json();
    assertThat(family.get("_id").asText()).isEqualTo(id);
    assertThat(family.get("children")).hasSize(2);
    assertThat(api.get("/v1/jobs/" + id + "/family").json().get("children")).hasSize(2);

    JsonNode latest = api.get("/v1/integrations/" + s.integration() + "/jobs/latest").json();
    assertThat(latest).hasSize(1);
    assertThat(latest.get(0).get("_id").asText()).isEqualTo(id);

    assertThat(api.get("/v1/jobs?_flowId=" + s.flow() + "&status=failed&status=completed").json())
        .hasSize(1);
    assertThat(api.get("/v1/jobs?_flowId=" + s.flow() + "&status=failed").json()).isEmpty();
    assertThat(
            api.get(
                    "/v1/jobs?_flowId_in[0]="
                        + s.flow()
                        + "&_flowId_in[1]=0123456789abcdef01234567")
                .json())
        .hasSize(1);
    assertThat(
            api.get("/v1/jobs?_flowId_in=" + s.flow() + "&_flowId_in=0123456789abcdef01234567")
                .json())
        .hasSize(1);
    assertThat(
            api.get("/v1/jobs?_flowId_in=0123456789abcdef01234567,0123456789abcdef01234568").json())
        .isEmpty();
  }

  @Test
  void errorsEndpointsAsClientsUseThem() {
    Simple s = simpleFlow(422);
    JsonNode job = runAndWait(s.flow(), "{\"export\":{\"startDate\":\"2024-01-01T00:00:00Z\"}}");
    assertThat(job.get("numError").asInt()).isEqualTo(3);
    assertThat(api.get("/v1/jobs/" + job.get("_id").asText()).json().get("startDate").asText())
        .startsWith("2024-01-01");

    String errors = "/v1/flows/" + s.flow() + "/" + s.imp();
    assertThat(api.get("/v1/flows/" + s.flow() + "/" + s.export() + "/errors").status())
        .isEqualTo(200);
    ApiClient.Response unknownStep =
        api.get("/v1/flows/" + s.flow() + "/0123456789abcdef01234567/errors");
    assertThat(unknownStep.status()).isEqualTo(404);
    assertThat(api.get("/v1/flows/0123456789abcdef01234567/" + s.imp() + "/errors").status())
        .isEqualTo(404);

    ApiClient.Response empty = api.put(errors + "/resolved", Json.parse("{\"errors\":[]}"));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(api.get(errors + "/errors").json().get("errors")).hasSize(3);

    JsonNode first = api.get(errors + "/errors").json().get("errors").get(0);
    String key = first.get("retryDataKey").asText();
    assertThat(
            api.put(
                    errors + "/" + key + "/data",
                    Json.parse("{\"data\":{\"id\":99},\"retryDataKey\":\"" + key + "\"}"))
                .status())
        .isEqualTo(200);
    assertThat(api.get(errors + "/" + key + "/data").json().get("data").toString())
        .isEqualTo("{\"id\":99}");

    JsonNode summary = api.get("/v1/integrations/" + s.integration() + "/errors").json();
    assertThat(summary.get(0).get("numError").asInt()).isEqualTo(3);
    assertThat(summary.get(0).get("lastErrorAt").asText()).matches("\\d{4}-.*Z");
  }
}
