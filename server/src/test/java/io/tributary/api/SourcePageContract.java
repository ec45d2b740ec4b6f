package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The flow documents of integrator.io's Flows API page are accepted once what they reference
 * exists, and come back field for field; the integration sub-lists show what a flow uses.
 */
abstract class SourcePageContract extends ApiContractBase {

  @Test
  void theSingleExportImportFlowRoundTrips() {
    String conn = fx.httpConnection("github");
    String exp =
        fx.create(
            "exports",
            "{\"name\":\"GitHub Event Listener\",\"type\":\"webhook\","
                + "\"hooks\":{\"preSavePage\":{\"_stackId\":null,\"function\":null}},\"webhook\":{\"provider\":\"github\",\"key\":\"k\"}}");
    String imp = fx.httpImport(conn, "Slack");
    String integration = fx.integration("GitHub to Slack");
    String body =
        """
        { "lastModified":"2017-06-19T21:27:09.945Z", "name":"Send GitHub Events to Slack", "disabled":false,
          "timezone":"America/Los_Angeles", "_exportId":"%s", "_importId":"%s", "_integrationId":"%s",
          "skipRetries":false, "createdAt":"2017-06-19T21:27:09.900Z" }"""
            .formatted(exp, imp, integration);
    assertRoundTrip(body);
  }

  @Test
  void theElevenStepFlowRoundTrips() {
    String conn = fx.httpConnection("io");
    String integration = fx.integration("Usage stats");
    String[] fields = {
      "numConnections",
      "dlSuccessAndErrors",
      "lastSignIn",
      "numDataLoaders",
      "numFlows",
      "numPasswordChanges",
      "numPasswordResets",
      "numSignIns",
      "successAndErrors"
    };
    StringBuilder processors = new StringBuilder();
    for (String f : fields) {
      String lookup = fx.httpExport(conn, "lookup " + f, true);
      processors.append(
          """
          { "type":"export", "_exportId":"%s", "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"%s" } ] } },"""
              .formatted(lookup, f));
    }
    processors.append(
        """
        { "type":"import", "_importId":"%s", "proceedOnFailure":true, "responseMapping":{ "lists":[], "fields":[] } },
        { "type":"import", "_importId":"%s", "responseMapping":{ "lists":[], "fields":[] } }"""
            .formatted(fx.httpImport(conn, "stats a"), fx.httpImport(conn, "stats b")));
    String body =
        """
        { "name":"Update Usage Stats for all Trialers", "disabled":false, "schedule":"? 0 2 ? * *",
          "timezone":"America/Los_Angeles", "_integrationId":"%s", "skipRetries":false,
          "pageProcessors":[ %s ],
          "pageGenerators":[ { "_exportId":"%s", "_id":"599000000000000000000b36" },
                             { "_exportId":"%s", "_id":"599000000000000000000b35" } ] }"""
            .formatted(
                integration,
                processors,
                fx.httpExport(conn, "trialers a", false),
                fx.httpExport(conn, "trialers b", false));
    JsonNode flow = assertRoundTrip(body);
    assertThat(flow.get("pageProcessors")).hasSize(11);

    String id = flow.get("_id").asText();
    assertThat(names(api.get("/v1/integrations/" + integration + "/flows").json()))
        .containsExactly("Update Usage Stats for all Trialers");
    assertThat(api.get("/v1/integrations/" + integration + "/exports").json()).hasSize(11);
    assertThat(names(api.get("/v1/integrations/" + integration + "/imports").json()))
        .containsExactlyInAnyOrder("stats a", "stats b");
    assertThat(names(api.get("/v1/integrations/" + integration + "/connections").json()))
        .containsExactly("io");
    assertThat(api.get("/v1/integrations/0123456789abcdef01234567/flows").status()).isEqualTo(404);

    // The whole-document PUT of the page, with read-only fields the server keeps as sent.
    ObjectNode replacement = (ObjectNode) flow.deepCopy();
    replacement
        .put("free", false)
        .put("_templateId", "602c00000000000000007eb8")
        .put("_sourceId", "603000000000000000000083d")
        .put("autoResolveMatchingTraceKeys", true);
    ((ObjectNode) replacement.get("pageGenerators").get(0)).put("skipRetries", false);
    JsonNode put = api.put("/v1/flows/" + id, replacement).json();
    assertThat(withoutServerFields(put)).isEqualTo(withoutServerFields(replacement));
  }

  private JsonNode assertRoundTrip(String body) {
    ApiClient.Response created = api.post("/v1/flows", Json.parse(body));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode got = fx.get("flows", created.json().get("_id").asText());
    assertThat(withoutServerFields(got)).isEqualTo(withoutServerFields(Json.parse(body)));
    return got;
  }

  private static JsonNode withoutServerFields(JsonNode doc) {
    ObjectNode copy = (ObjectNode) doc.deepCopy();
    copy.remove(List.of("_id", "createdAt", "lastModified", "nextRunAt")); // server-managed
    return copy;
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("name").asText()));
    Set<String> unique = new HashSet<>(out);
    assertThat(unique).hasSameSizeAs(out);
    return out;
  }

  @Test
  void removingAFlowGroupingLeavesItsFlowsUngrouped() {
    String integration =
        fx.create(
            "integrations",
            "{\"name\":\"grouped\",\"flowGroupings\":[{\"name\":\"a\"},{\"name\":\"b\"}]}");
    JsonNode doc = api.get("/v1/integrations/" + integration).json();
    String a = doc.at("/flowGroupings/0/_id").asText();
    String b = doc.at("/flowGroupings/1/_id").asText();
    String inA =
        fx.create(
            "flows",
            "{\"name\":\"in a\",\"_integrationId\":\""
                + integration
                + "\",\"_flowGroupingId\":\""
                + a
                + "\"}");
    String inB =
        fx.create(
            "flows",
            "{\"name\":\"in b\",\"_integrationId\":\""
                + integration
                + "\",\"_flowGroupingId\":\""
                + b
                + "\"}");
    assertThat(
            api.patch(
                    "/v1/integrations/" + integration,
                    Json.parse("[{\"op\":\"remove\",\"path\":\"/flowGroupings/0\"}]"))
                .status())
        .isEqualTo(204);
    assertThat(api.get("/v1/flows/" + inA).json().has("_flowGroupingId")).isFalse();
    assertThat(api.get("/v1/flows/" + inB).json().get("_flowGroupingId").asText()).isEqualTo(b);
    assertThat(api.get("/v1/flows/" + inA + "/audit").json().get(0).get("note").asText())
        .contains("grouping was removed");
  }
}
