package io.tributary.flowops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Clone, replace a connection and dependencies, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FlowOpsContract {
  protected TestServer server;
  protected ApiClient api;
  protected Fixtures fx;

  abstract boolean postgres();

  @BeforeAll
  void start() {
    server = TestServer.start(postgres());
    api = server.client();
    fx = new Fixtures(api);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  /** A flow with a source, a lookup and an import on two connections, a hook script and a chain. */
  record Sample(
      String integration,
      String conn,
      String db,
      String script,
      String source,
      String lookup,
      String sink,
      String next,
      String flow) {}

  Sample sample() {
    String integration =
        fx.create("integrations", "{\"name\":\"src\",\"flowGroupings\":[{\"name\":\"g\"}]}");
    String grouping =
        api.get("/v1/integrations/" + integration).json().at("/flowGroupings/0/_id").asText();
    String conn = fx.httpConnection("api");
    String db =
        fx.create(
            "connections",
            "{\"type\":\"http\",\"name\":\"second\",\"http\":{\"baseURI\":\"http://127.0.0.1:2\"}}");
    String script =
        fx.create(
            "scripts", "{\"name\":\"hooks\",\"content\":\"function preMap(o){return o.data}\"}");
    String source = fx.httpExport(conn, "source", false);
    String lookup = fx.httpExport(conn, "lookup", true);
    String sink =
        fx.create(
            "imports",
            """
        {"name":"sink","_connectionId":"%s","http":{"relativeURI":["/x"]},"hooks":{"preMap":{"_scriptId":"%s","function":"preMap"}},
         "mapping":{"fields":[{"extract":"a","generate":"b"}]}}"""
                .formatted(db, script));
    String next = fx.create("flows", "{\"name\":\"next\"}");
    String flow =
        fx.create(
            "flows",
            """
        {"name":"orig","_integrationId":"%s","_flowGroupingId":"%s","schedule":"0 2 * * *","timezone":"Europe/Berlin",
         "settings":{"k":"v"},"_runNextFlowIds":["%s"],"aliases":[{"alias":"me","_flowId":"SELF"}],
         "pageGenerators":[{"_exportId":"%s"}],
         "pageProcessors":[{"type":"export","_exportId":"%s","responseMapping":{"fields":[{"extract":"data","generate":"d"}]}},
                           {"type":"import","_importId":"%s","proceedOnFailure":true}]}"""
                .formatted(integration, grouping, next, source, lookup, sink)
                .replace("\"_flowId\":\"SELF\"", "\"_flowId\":\"" + next + "\""));
    return new Sample(integration, conn, db, script, source, lookup, sink, next, flow);
  }

  private int count(String type) {
    JsonNode list = api.get("/v1/" + type).json();
    return list == null ? 0 : list.size();
  }

  @Test
  void aClonedFlowHasItsOwnStepsOnTheMappedConnections() {
    Sample s = sample();
    String target = fx.integration("target");
    String other =
        fx.create(
            "connections",
            "{\"type\":\"http\",\"name\":\"other\",\"http\":{\"baseURI\":\"http://127.0.0.1:3\"}}");
    ApiClient.Response r =
        api.post(
            "/v1/flows/" + s.flow() + "/clone",
            Json.parse(
                """
        {"_integrationId":"%s","name":"copy","connectionMap":{"%s":"%s","%s":"%s"}}"""
                    .formatted(target, s.conn(), other, s.db(), s.db())));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode manifest = r.json();
    assertThat(manifest.findValuesAsText("model"))
        .containsExactlyInAnyOrder("Script", "Export", "Export", "Import", "Flow");
    String copyId = null;
    for (JsonNode m : manifest)
      if (m.get("model").asText().equals("Flow")) copyId = m.get("_id").asText();
    JsonNode copy = api.get("/v1/flows/" + copyId).json();
    JsonNode orig = api.get("/v1/flows/" + s.flow()).json();
    assertThat(copy.get("name").asText()).isEqualTo("copy");
    assertThat(copy.get("_integrationId").asText()).isEqualTo(target);
    assertThat(copy.get("schedule")).isEqualTo(orig.get("schedule"));
    assertThat(copy.get("settings")).isEqualTo(orig.get("settings"));
    assertThat(copy.at("/pageProcessors/0/responseMapping"))
        .isEqualTo(orig.at("/pageProcessors/0/responseMapping"));
    assertThat(copy.at("/pageProcessors/1/proceedOnFailure").asBoolean()).isTrue();
    assertThat(copy.get("_runNextFlowIds")).isEqualTo(orig.get("_runNextFlowIds"));
    assertThat(copy.at("/pageGenerators/0/_exportId").asText()).isNotEqualTo(s.source());
    JsonNode newSource =
        api.get("/v1/exports/" + copy.at("/pageGenerators/0/_exportId").asText()).json();
    assertThat(newSource.get("_connectionId").asText()).isEqualTo(other);
    JsonNode newSink =
        api.get("/v1/imports/" + copy.at("/pageProcessors/1/_importId").asText()).json();
    assertThat(newSink.get("_connectionId").asText()).isEqualTo(s.db());
    assertThat(newSink.at("/hooks/preMap/_scriptId").asText()).isNotEqualTo(s.script());
    assertThat(newSink.get("mapping"))
        .isEqualTo(api.get("/v1/imports/" + s.sink()).json().get("mapping"));
    JsonNode audit = api.get("/v1/flows/" + copyId + "/audit").json();
    assertThat(audit.findValuesAsText("event"))
        .containsExactly("update", "create"); // the chain is linked after creation
  }

  @Test
  void aBadConnectionMapCreatesNothing() {
    Sample s = sample();
    String target = fx.integration("t2");
    String rdbms =
        fx.create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\"}}");
    int flows = count("flows");
    int exports = count("exports");
    List<String> bodies =
        new ArrayList<>(
            List.of(
                "{\"_integrationId\":\"%s\",\"connectionMap\":{\"%s\":\"%s\"}}"
                    .formatted(target, s.conn(), s.conn()),
                "{\"_integrationId\":\"%s\",\"connectionMap\":{\"%s\":\"%s\",\"%s\":\"%s\",\"%s\":\"%s\"}}"
                    .formatted(target, s.conn(), s.conn(), s.db(), s.db(), rdbms, rdbms),
                "{\"_integrationId\":\"%s\",\"connectionMap\":{\"%s\":\"%s\",\"%s\":\"0123456789abcdef01234567\"}}"
                    .formatted(target, s.conn(), s.conn(), s.db()),
                "{\"_integrationId\":\"%s\",\"connectionMap\":{\"%s\":\"%s\",\"%s\":\"%s\"}}"
                    .formatted(target, s.conn(), rdbms, s.db(), s.db()),
                "{\"_integrationId\":\"%s\"}".formatted(target)));
    for (String body : bodies) {
      ApiClient.Response r = api.post("/v1/flows/" + s.flow() + "/clone", Json.parse(body));
      assertThat(r.status()).as(body + " " + r.body()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("invalid_connectionMap");
    }
    assertThat(
            api.post("/v1/flows/" + s.flow() + "/clone", Json.parse("{\"connectionMap\":{}}"))
                .status())
        .isEqualTo(422);
    assertThat(
            api.post(
                    "/v1/flows/" + s.flow() + "/clone",
                    Json.parse(
                        "{\"_integrationId\":\"0123456789abcdef01234567\",\"connectionMap\":{}}"))
                .errorCode())
        .isEqualTo("invalid_ref");
    assertThat(count("flows")).isEqualTo(flows);
    assertThat(count("exports")).isEqualTo(exports);
  }

  @Test
  void exportsImportsAndIntegrationsClone() {
    Sample s = sample();
    String other =
        fx.create(
            "connections",
            "{\"type\":\"http\",\"name\":\"o\",\"http\":{\"baseURI\":\"http://127.0.0.1:4\"}}");
    JsonNode export =
        api.post(
                "/v1/exports/" + s.source() + "/clone",
                Json.parse("{\"_connectionId\":\"" + other + "\"}"))
            .json();
    assertThat(export.get("_connectionId").asText()).isEqualTo(other);
    assertThat(export.get("name").asText()).isEqualTo("Clone - source");
    JsonNode imp = api.post("/v1/imports/" + s.sink() + "/clone", "").json();
    assertThat(imp.get("_connectionId").asText()).isEqualTo(s.db());

    ApiClient.Response r =
        api.post(
            "/v1/integrations/" + s.integration() + "/clone",
            Json.parse(
                "{\"name\":\"copy of src\",\"connectionMap\":{\"%s\":\"%s\",\"%s\":\"%s\"}}"
                    .formatted(s.conn(), s.conn(), s.db(), s.db())));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String newIntegration = r.json().get(0).get("_id").asText();
    JsonNode flows = api.get("/v1/integrations/" + newIntegration + "/flows").json();
    assertThat(flows).hasSize(1);
    JsonNode grouping =
        api.get("/v1/integrations/" + newIntegration).json().at("/flowGroupings/0/_id");
    assertThat(flows.get(0).get("_flowGroupingId")).isEqualTo(grouping);
    assertThat(api.get("/v1/integrations/" + newIntegration + "/imports").json()).hasSize(1);
  }

  @Test
  void replacingAConnectionMovesEveryStepThatUsedIt() {
    Sample s = sample();
    String sharing =
        fx.create(
            "flows",
            "{\"name\":\"shares the source\",\"pageGenerators\":[{\"_exportId\":\""
                + s.source()
                + "\"}]}");
    String other =
        fx.create(
            "connections",
            "{\"type\":\"http\",\"name\":\"new\",\"http\":{\"baseURI\":\"http://127.0.0.1:5\"}}");
    ApiClient.Response r =
        api.put(
            "/v1/flows/" + s.flow() + "/replaceConnection",
            Json.parse(
                "{\"_connectionId\":\"%s\",\"_newConnectionId\":\"%s\"}"
                    .formatted(s.conn(), other)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("_id").asText()).isEqualTo(s.flow());
    assertThat(api.get("/v1/exports/" + s.source()).json().get("_connectionId").asText())
        .isEqualTo(other);
    assertThat(api.get("/v1/exports/" + s.lookup()).json().get("_connectionId").asText())
        .isEqualTo(other);
    assertThat(api.get("/v1/imports/" + s.sink()).json().get("_connectionId").asText())
        .isEqualTo(s.db());
    assertThat(api.get("/v1/exports/" + s.source() + "/audit").json().get(0).get("note").asText())
        .contains(sharing);

    String rdbms =
        fx.create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\"}}");
    assertThat(
            api.put(
                    "/v1/flows/" + s.flow() + "/replaceConnection",
                    Json.parse(
                        "{\"_connectionId\":\"%s\",\"_newConnectionId\":\"%s\"}"
                            .formatted(s.db(), rdbms)))
                .status())
        .isEqualTo(422);
    assertThat(
            api.put(
                    "/v1/flows/" + s.flow() + "/replaceConnection",
                    Json.parse(
                        "{\"_connectionId\":\"%s\",\"_newConnectionId\":\"%s\"}"
                            .formatted(s.conn(), other)))
                .status())
        .isEqualTo(422);
    assertThat(
            api.put(
                    "/v1/flows/" + s.flow() + "/replaceConnection",
                    Json.parse(
                        "{\"_connectionId\":\"%s\",\"_newConnectionId\":\"0123456789abcdef01234567\"}"
                            .formatted(other)))
                .errorCode())
        .isEqualTo("invalid_ref");
  }

  @Test
  void dependenciesSayWhatTheFlowUsesAndWhatUsesIt() {
    Sample s = sample();
    String caller =
        fx.create("flows", "{\"name\":\"caller\",\"_runNextFlowIds\":[\"" + s.flow() + "\"]}");
    JsonNode deps = api.get("/v1/flows/" + s.flow() + "/dependencies").json();
    assertThat(deps.get("integrations").findValuesAsText("id")).containsExactly(s.integration());
    assertThat(deps.get("exports").findValuesAsText("id"))
        .containsExactlyInAnyOrder(s.source(), s.lookup());
    assertThat(deps.get("imports").findValuesAsText("id")).containsExactly(s.sink());
    assertThat(deps.get("connections").findValuesAsText("id"))
        .containsExactlyInAnyOrder(s.conn(), s.db());
    assertThat(deps.get("scripts").findValuesAsText("id")).containsExactly(s.script());
    JsonNode flows = deps.get("flows");
    assertThat(flows).hasSize(2);
    for (JsonNode f : flows) {
      assertThat(f.get("relation").asText())
          .isEqualTo(f.get("id").asText().equals(caller) ? "usedBy" : "uses");
    }
    assertThat(deps.get("exports").get(0).get("name").asText()).isNotEmpty();
    assertThat(api.get("/v1/flows/0123456789abcdef01234567/dependencies").status()).isEqualTo(404);
  }
}
