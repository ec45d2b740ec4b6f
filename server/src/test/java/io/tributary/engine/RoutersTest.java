package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.tiny.TinyAdaptor;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.TestServer;
import io.tributary.testing.Waits;
import io.tributary.web.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Routers (D23) beyond one run: retrying errors from inside a branch and at a router, the save-time
 * checks, and the flow operations (clone, dependencies) that must see the steps inside branches.
 * The runs of each routing mode are flow fixtures ({@code flows/engine/router-*.json}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutersTest {
  private TestServer server;
  private ApiClient api;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    api = server.client();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void aRetryFromAStepInsideABranchGoesOnThroughTheBranchAndTheJoin() {
    String sink = "sink-" + UUID.randomUUID();
    FlowFixture f = FlowFixture.load(api, "routers/retry-in-branch", Map.of("sink", sink));
    JsonNode job = run(f.flowId());
    assertThat(job.get("numSuccess").asInt()).as(job.toString()).isEqualTo(5);
    assertThat(job.get("numError").asInt()).isEqualTo(1);
    JsonNode viewed = api.get("/v1/jobs/" + job.get("_id").asText()).json();
    assertThat(importsOf(viewed))
        .as("every step of every branch has its child job")
        .containsExactlyInAnyOrder(
            f.id("imports.gate"),
            f.id("imports.after"),
            f.id("imports.other"),
            f.id("imports.join"));
    assertThat(child(viewed, f.id("imports.gate")).get("numError").asInt()).isEqualTo(1);
    assertThat(child(viewed, f.id("imports.after")).get("numSuccess").asInt()).isEqualTo(2);
    assertThat(ids(sink, "join")).containsExactlyInAnyOrder(1, 3, 4, 5, 6);

    String gate = f.id("imports.gate");
    JsonNode imp = api.get("/v1/imports/" + gate).json();
    ((ObjectNode) imp.get("tiny")).putArray("rejectValues");
    assertThat(api.put("/v1/imports/" + gate, imp).status()).isEqualTo(200);
    String base = "/v1/flows/" + f.flowId() + "/" + gate;
    JsonNode error = api.get(base + "/errors").json().get("errors").get(0);
    ApiClient.Response retry =
        api.post(
            base + "/retry",
            "{\"retryDataKeys\":[\"" + error.get("retryDataKey").asText() + "\"]}");
    assertThat(retry.status()).as(retry.body()).isEqualTo(201);
    JsonNode retried = waitFor(retry.json().get("_jobId").asText());
    assertThat(retried.get("status").asText()).as(retried.toString()).isEqualTo("completed");
    assertThat(retried.get("numSuccess").asInt()).isEqualTo(1);
    assertThat(retried.get("numError").asInt()).isZero();
    assertThat(importsOf(retried))
        .as("the retry's child jobs: the steps its records can reach, not the other branch")
        .containsExactlyInAnyOrder(gate, f.id("imports.after"), f.id("imports.join"));
    assertThat(ids(sink, "gate")).containsExactlyInAnyOrder(1, 3, 2);
    assertThat(ids(sink, "after")).containsExactlyInAnyOrder(1, 3, 2);
    assertThat(ids(sink, "join")).containsExactlyInAnyOrder(1, 3, 4, 5, 6, 2);
    assertThat(ids(sink, "other")).containsExactlyInAnyOrder(4, 5, 6);
    assertThat(api.get(base + "/errors").json().get("errors")).isEmpty();
  }

  @Test
  void aRecordThatFailedAtARouterIsEditedAndRoutedAgain() {
    String sink = "sink-" + UUID.randomUUID();
    FlowFixture f = FlowFixture.load(api, "routers/retry-at-router", Map.of("sink", sink));
    JsonNode job = run(f.flowId());
    assertThat(job.get("numError").asInt()).as(job.toString()).isEqualTo(1);
    assertThat(job.get("numSuccess").asInt()).isEqualTo(2);
    String base = "/v1/flows/" + f.flowId() + "/byAmount";
    JsonNode errors = api.get(base + "/errors").json().get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("source").asText()).isEqualTo("router");
    String key = errors.get(0).get("retryDataKey").asText();
    JsonNode data = api.get(base + "/" + key + "/data").json().get("data");
    assertThat(data.get("amount").asText())
        .as("retry data: the record as it entered")
        .isEqualTo("lots");
    ((ObjectNode) data).put("amount", 700);
    assertThat(api.put(base + "/" + key + "/data", Json.object().set("data", data)).status())
        .isEqualTo(200);
    ApiClient.Response retry = api.post(base + "/retry", "{\"retryDataKeys\":[\"" + key + "\"]}");
    assertThat(retry.status()).as(retry.body()).isEqualTo(201);
    JsonNode retried = waitFor(retry.json().get("_jobId").asText());
    assertThat(retried.get("status").asText()).as(retried.toString()).isEqualTo("completed");
    assertThat(retried.get("numSuccess").asInt()).isEqualTo(1);
    assertThat(ids(sink, "big")).containsExactlyInAnyOrder(2, 3);
    assertThat(ids(sink, "small")).containsExactly(1);
    assertThat(api.get(base + "/errors").json().get("errors")).isEmpty();
    assertThat(api.get("/v1/flows/" + f.flowId() + "/nope-router/errors").status()).isEqualTo(404);
  }

  @Test
  void badRoutersAreRefusedOnCreatePutAndPatchAndChangeNothing() {
    String sink = "sink-" + UUID.randomUUID();
    FlowFixture f = FlowFixture.load(api, "routers/retry-in-branch", Map.of("sink", sink));
    JsonNode good = api.get("/v1/flows/" + f.flowId()).json();
    String imp = f.id("imports.join");
    int flows = api.get("/v1/flows").json().size();

    refused(
        with(
            good,
            d ->
                d.putArray("pageProcessors")
                    .addObject()
                    .put("type", "import")
                    .put("_importId", imp)),
        "invalid_field",
        "routers",
        "\"pageProcessors\" is not allowed");
    refused(
        with(good, d -> router(d, 1).put("id", "r1")),
        "invalid_field",
        "routers[1].id",
        "Duplicate");
    refused(
        with(good, d -> router(d, 0).put("nextRouterId", "ghost")),
        "invalid_field",
        "routers[0].nextRouterId",
        "Invalid nextRouterId");
    refused(
        with(
            good,
            d -> ((ObjectNode) router(d, 0).get("branches").get(1)).put("nextRouterId", "ghost")),
        "invalid_field",
        "routers[0].branches[1].nextRouterId",
        "Invalid nextRouterId");
    refused(
        with(good, d -> router(d, 1).put("nextRouterId", "r1")),
        "invalid_field",
        "routers",
        "cycle");
    refused(
        with(
            good,
            d -> {
              router(d, 0).remove("nextRouterId");
              ((ArrayNode) d.get("routers"))
                  .addObject()
                  .put("id", "r3")
                  .put("nextRouterId", "r2")
                  .putArray("branches")
                  .addObject();
            }),
        "invalid_field",
        "routers",
        "unreachable");
    refused(
        with(good, d -> router(d, 0).put("routeRecordsTo", "some_branches")),
        "invalid_field",
        "routers[0].routeRecordsTo",
        "one of");
    refused(
        with(good, d -> router(d, 0).put("routeRecordsUsing", "magic")),
        "invalid_field",
        "routers[0].routeRecordsUsing",
        "one of");
    refused(
        with(good, d -> router(d, 0).put("routeRecordsUsing", "script")),
        "missing_required_field",
        "routers[0].script",
        null);
    refused(
        with(
            good,
            d ->
                router(d, 0)
                    .put("routeRecordsUsing", "script")
                    .putObject("script")
                    .put("_scriptId", "0123456789abcdef01234567")
                    .put("function", "branching")),
        "invalid_ref",
        "routers[0].script._scriptId",
        null);
    String script =
        api.post(
                "/v1/scripts",
                Json.object().put("name", "s").put("content", "function other(o) { return [0]; }"))
            .json()
            .get("_id")
            .asText();
    refused(
        with(
            good,
            d ->
                router(d, 0)
                    .put("routeRecordsUsing", "script")
                    .putObject("script")
                    .put("_scriptId", script)
                    .put("function", "branching")),
        "invalid_ref",
        "routers[0].script.function",
        "declares no function branching");
    refused(
        with(
            good,
            d ->
                ((ObjectNode) router(d, 0).get("branches").get(0))
                    .putObject("inputFilter")
                    .put("version", "1")
                    .putArray("rules")
                    .add("equal")),
        "invalid_field",
        "routers[0].branches[0].inputFilter.rules",
        "unknown operator");
    refused(
        with(
            good,
            d ->
                ((ObjectNode) router(d, 1).at("/branches/0/pageProcessors/0"))
                    .put("_importId", "0123456789abcdef01234567")),
        "invalid_ref",
        "routers[1].branches[0].pageProcessors[0]._importId",
        null);
    refused(
        with(good, d -> router(d, 0).put("id", "no spaces please")),
        "invalid_field",
        "routers[0].id",
        null);
    refused(
        with(good, d -> router(d, 0).putArray("branches")),
        "invalid_field",
        "routers[0].branches",
        null);

    assertThat(api.get("/v1/flows").json()).as("no flow created").hasSize(flows);
    assertThat(api.get("/v1/flows/" + f.flowId()).json()).as("the flow unchanged").isEqualTo(good);

    String cycle = "[{\"op\":\"replace\",\"path\":\"/routers/1/nextRouterId\",\"value\":\"r1\"}]";
    ApiClient.Response patched = api.patch("/v1/flows/" + f.flowId(), Json.parse(cycle));
    assertThat(patched.status()).as(patched.body()).isEqualTo(422);
    assertThat(patched.body()).contains("cycle");
    String rename = "[{\"op\":\"replace\",\"path\":\"/routers/0/name\",\"value\":\"renamed\"}]";
    assertThat(api.patch("/v1/flows/" + f.flowId(), Json.parse(rename)).status()).isEqualTo(204);
    JsonNode after = api.get("/v1/flows/" + f.flowId()).json();
    assertThat(after.at("/routers/0/name").asText()).isEqualTo("renamed");
    assertThat(after.get("routers").get(1)).isEqualTo(good.get("routers").get(1));
  }

  @Test
  void cloneDependenciesAndReplaceConnectionSeeTheStepsInsideBranches() {
    String sink = "sink-" + UUID.randomUUID();
    FlowFixture f = FlowFixture.load(api, "routers/retry-in-branch", Map.of("sink", sink));
    List<String> steps =
        List.of(
            f.id("imports.gate"),
            f.id("imports.after"),
            f.id("imports.other"),
            f.id("imports.join"));
    JsonNode deps = api.get("/v1/flows/" + f.flowId() + "/dependencies").json();
    String integration =
        api.post("/v1/integrations", Json.object().put("name", "routers"))
            .json()
            .get("_id")
            .asText();
    assertThat(deps.get("imports").findValuesAsText("id"))
        .containsExactlyInAnyOrderElementsOf(steps);

    ApiClient.Response r =
        api.post(
            "/v1/flows/" + f.flowId() + "/clone",
            Json.parse(
                "{\"name\":\"copy\",\"_integrationId\":\"%s\",\"connectionMap\":{\"%s\":\"%s\"}}"
                    .formatted(integration, f.id("connections.tiny"), f.id("connections.tiny"))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String copyId = null;
    for (JsonNode m : r.json())
      if (m.get("model").asText().equals("Flow")) copyId = m.get("_id").asText();
    JsonNode copy = api.get("/v1/flows/" + copyId).json();
    List<String> copied = new ArrayList<>();
    for (JsonNode router : copy.get("routers"))
      for (JsonNode b : router.get("branches"))
        for (JsonNode pp : b.get("pageProcessors")) copied.add(pp.get("_importId").asText());
    assertThat(copied).hasSize(4).doesNotContainAnyElementsOf(steps);
    assertThat(copy.at("/routers/0/nextRouterId").asText()).isEqualTo("r2");
    JsonNode copiedGate = api.get("/v1/imports/" + copied.get(0)).json();
    assertThat(copiedGate.get("name").asText()).startsWith("gate");
    JsonNode ran = run(copyId);
    assertThat(ran.get("numSuccess").asInt()).as(ran.toString()).isEqualTo(5);

    String tiny = f.id("connections.tiny");
    String other =
        api.post("/v1/connections", Json.object().put("type", "tiny").put("name", "other tiny"))
            .json()
            .get("_id")
            .asText();
    ApiClient.Response replaced =
        api.put(
            "/v1/flows/" + f.flowId() + "/replaceConnection",
            Json.object().put("_connectionId", tiny).put("_newConnectionId", other));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    for (String step : steps)
      assertThat(api.get("/v1/imports/" + step).json().get("_connectionId").asText())
          .as("import %s inside a branch moved to the new connection", step)
          .isEqualTo(other);
  }

  @Test
  void aDownloadedTemplateInstallsTheStepsInsideBranches() {
    String sink = "sink-" + UUID.randomUUID();
    FlowFixture f = FlowFixture.load(api, "routers/retry-in-branch", Map.of("sink", sink));
    String url = api.get("/v1/flows/" + f.flowId() + "/template").json().get("signedURL").asText();
    var zip = api.withToken(null).getBytes(url);
    assertThat(zip.statusCode()).isEqualTo(200);
    ApiClient.Response uploaded = api.postBytes("/v1/templates", zip.body(), "application/zip");
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    String tiny = f.id("connections.tiny");
    ApiClient.Response installed =
        api.post(
            "/v1/templates/" + uploaded.json().get("_id").asText() + "/install",
            Json.parse("{\"connectionMap\":{\"" + tiny + "\":\"" + tiny + "\"}}"));
    assertThat(installed.status()).as(installed.body()).isEqualTo(201);
    String copyId = null;
    for (JsonNode m : installed.json())
      if (m.get("model").asText().equals("Flow")) copyId = m.get("_id").asText();
    JsonNode copy = api.get("/v1/flows/" + copyId).json();
    JsonNode original = api.get("/v1/flows/" + f.flowId()).json();
    assertThat(copy.at("/routers/0/branches/0/pageProcessors/1/_importId").asText())
        .isNotEqualTo(original.at("/routers/0/branches/0/pageProcessors/1/_importId").asText());
    assertThat(copy.at("/routers/1/id").asText()).isEqualTo("r2");
    JsonNode ran = run(copyId);
    assertThat(ran.get("numSuccess").asInt()).as(ran.toString()).isEqualTo(5);
    assertThat(ran.get("numError").asInt()).isEqualTo(1);
  }

  private void refused(ObjectNode doc, String code, String field, String message) {
    ApiClient.Response created = api.post("/v1/flows", doc.deepCopy().without("_id"));
    assertThat(created.status()).as(created.body()).isEqualTo(422);
    assertThat(created.json().findValuesAsText("code")).as(created.body()).contains(code);
    assertThat(created.errorFields()).as(created.body()).contains(field);
    if (message != null)
      assertThat(String.join("\n", created.json().findValuesAsText("message")))
          .as(created.body())
          .contains(message);
    ApiClient.Response put = api.put("/v1/flows/" + doc.get("_id").asText(), doc);
    assertThat(put.status()).as(put.body()).isEqualTo(422);
  }

  private static ObjectNode with(JsonNode good, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode d = good.deepCopy();
    change.accept(d);
    return d;
  }

  private static ObjectNode router(ObjectNode flow, int i) {
    return (ObjectNode) flow.get("routers").get(i);
  }

  private JsonNode run(String flowId) {
    ApiClient.Response r = api.post("/v1/flows/" + flowId + "/run?wait=60", "");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private JsonNode waitFor(String jobId) {
    return Waits.until(
        "job " + jobId + " to end",
        Duration.ofSeconds(60),
        () -> api.get("/v1/jobs/" + jobId).json(),
        job -> List.of("completed", "failed", "canceled").contains(job.get("status").asText()));
  }

  private static List<String> importsOf(JsonNode job) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : job.get("children"))
      if (c.hasNonNull("_importId")) out.add(c.get("_importId").asText());
    return out;
  }

  private static JsonNode child(JsonNode job, String importId) {
    for (JsonNode c : job.get("children"))
      if (importId.equals(c.path("_importId").asText())) return c;
    throw new AssertionError("no child job for " + importId + " in " + job);
  }

  private static List<Integer> ids(String sink, String name) {
    List<Integer> out = new ArrayList<>();
    TinyAdaptor.SINKS
        .getOrDefault(sink + "-" + name, List.of())
        .forEach(r -> out.add(r.get("id").asInt()));
    return out;
  }
}
