package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx with the error envelope and changes nothing. */
abstract class ValidationContract extends ApiContractBase {

  private ApiClient.Response post(String type, String json) {
    return api.post("/v1/" + type, Json.parse(json));
  }

  private int count(String type) {
    JsonNode list = api.get("/v1/" + type).json();
    return list == null ? 0 : list.size();
  }

  private static void assertError(ApiClient.Response r, int status, String code, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().get("errors").isArray()).isTrue();
    assertThat(r.json().findValuesAsText("code")).as(r.body()).contains(code);
    if (field != null) assertThat(r.errorFields()).as(r.body()).contains(field);
  }

  @Test
  void requiredFieldsAreReportedWithTheirField() {
    int before = count("flows");
    assertError(post("flows", "{\"disabled\":true}"), 422, "missing_required_field", "name");
    assertError(post("integrations", "{}"), 422, "missing_required_field", "name");
    assertError(
        post("connections", "{\"name\":\"no type\"}"), 422, "missing_required_field", "type");
    String conn = fx.httpConnection("v");
    assertError(
        post("exports", "{\"_connectionId\":\"" + conn + "\",\"http\":{}}"),
        422,
        "missing_required_field",
        "name");
    assertError(
        post("imports", "{\"name\":\"i\",\"http\":{\"method\":[\"POST\"]}}"),
        422,
        "missing_required_field",
        "_connectionId");
    assertError(
        post("exports", "{\"name\":\"e\",\"http\":{}}"),
        422,
        "missing_required_field",
        "_connectionId");
    assertThat(count("flows")).isEqualTo(before);
  }

  @Test
  void webhookExportsNeedNoConnectionAndRefuseOne() {
    JsonNode hook =
        post(
                "exports",
                "{\"name\":\"w\",\"type\":\"webhook\",\"webhook\":{\"provider\":\"custom\",\"verify\":\"token\",\"token\":\"t0k\"}}")
            .json();
    assertThat(hook.get("adaptorType").asText()).isEqualTo("WebhookExport");
    assertThat(hook.at("/webhook/token").asText()).isEqualTo("******");
    String conn = fx.httpConnection("w");
    assertError(
        post(
            "exports",
            "{\"name\":\"w2\",\"adaptorType\":\"WebhookExport\",\"_connectionId\":\""
                + conn
                + "\",\"webhook\":{}}"),
        422,
        "invalid_field",
        "_connectionId");
  }

  @Test
  void adaptorTypeIsDerivedAndChecked() {
    String http = fx.httpConnection("a");
    String db =
        fx.create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"pg\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\",\"password\":\"pw\"}}");
    assertThat(
            post(
                    "exports",
                    "{\"name\":\"e\",\"_connectionId\":\""
                        + http
                        + "\",\"http\":{\"relativeURI\":\"/x\"}}")
                .json()
                .get("adaptorType")
                .asText())
        .isEqualTo("HTTPExport");
    assertThat(
            post(
                    "imports",
                    "{\"name\":\"i\",\"_connectionId\":\""
                        + db
                        + "\",\"rdbms\":{\"queryType\":[\"per_record\"]}}")
                .json()
                .get("adaptorType")
                .asText())
        .isEqualTo("RDBMSImport");
    assertThat(
            post("exports", "{\"name\":\"by-conn\",\"_connectionId\":\"" + db + "\"}")
                .json()
                .get("adaptorType")
                .asText())
        .isEqualTo("RDBMSExport");
    assertError(
        post(
            "exports",
            "{\"name\":\"e\",\"adaptorType\":\"RDBMSExport\",\"_connectionId\":\""
                + http
                + "\",\"http\":{}}"),
        422,
        "invalid_field",
        "adaptorType");
    assertError(
        post(
            "exports",
            "{\"name\":\"e\",\"adaptorType\":\"NoSuchExport\",\"_connectionId\":\"" + http + "\"}"),
        422,
        "invalid_field",
        "adaptorType");
    assertError(
        post(
            "imports",
            "{\"name\":\"i\",\"_connectionId\":\""
                + db
                + "\",\"http\":{\"relativeURI\":[\"/x\"]}}"),
        422,
        "invalid_field",
        "_connectionId");
  }

  @Test
  void everyReferenceMustExistWithTheRightType() {
    String integration = fx.integration("refs");
    String missing = "0123456789abcdef01234567";
    assertError(
        post("flows", "{\"name\":\"f\",\"_integrationId\":\"" + missing + "\"}"),
        422,
        "invalid_ref",
        "_integrationId");
    assertError(
        post(
            "flows",
            "{\"name\":\"f\",\"pageGenerators\":[{\"_exportId\":\"" + integration + "\"}]}"),
        422,
        "invalid_ref",
        "pageGenerators[0]._exportId");
    assertError(
        post(
            "flows",
            "{\"name\":\"f\",\"pageProcessors\":[{\"type\":\"import\",\"_importId\":\"nope\"}]}"),
        422,
        "invalid_ref",
        "pageProcessors[0]._importId");
    assertError(
        post("flows", "{\"name\":\"f\",\"_runNextFlowIds\":[\"" + missing + "\"]}"),
        422,
        "invalid_ref",
        "_runNextFlowIds[0]");
    assertError(
        post("exports", "{\"name\":\"e\",\"_connectionId\":\"" + missing + "\",\"http\":{}}"),
        422,
        "invalid_ref",
        "_connectionId");
    assertError(
        post(
            "imports",
            "{\"name\":\"i\",\"_connectionId\":\""
                + fx.httpConnection("h")
                + "\",\"http\":{},"
                + "\"hooks\":{\"preMap\":{\"_scriptId\":\""
                + missing
                + "\",\"function\":\"f\"}}}"),
        422,
        "invalid_ref",
        "hooks.preMap._scriptId");
    assertError(
        post(
            "flows",
            "{\"name\":\"f\",\"_integrationId\":\""
                + integration
                + "\",\"_flowGroupingId\":\""
                + missing
                + "\"}"),
        422,
        "invalid_ref",
        "_flowGroupingId");
  }

  @Test
  void lookupStepsNeedLookupExportsAndStepsAreProcessorsOrRouters() {
    String conn = fx.httpConnection("l");
    String source = fx.httpExport(conn, "src", false);
    String lookup = fx.httpExport(conn, "lkp", true);
    assertError(
        post(
            "flows",
            "{\"name\":\"f\",\"pageProcessors\":[{\"type\":\"export\",\"_exportId\":\""
                + source
                + "\"}]}"),
        422,
        "invalid_field",
        "pageProcessors[0]._exportId");
    assertThat(
            post(
                    "flows",
                    "{\"name\":\"f\",\"pageProcessors\":[{\"type\":\"export\",\"_exportId\":\""
                        + lookup
                        + "\"}]}")
                .status())
        .isEqualTo(201);
    assertError(
        post("flows", "{\"name\":\"f\",\"pageProcessors\":[],\"routers\":[]}"),
        422,
        "invalid_field",
        "routers");
    assertError(
        post("flows", "{\"name\":\"f\",\"pageProcessors\":[{\"type\":\"transfer\"}]}"),
        422,
        "invalid_field",
        "pageProcessors[0].type");
    String withRouters =
        """
        {"name":"r","routers":[{"id":"r1","branches":[{"name":"b","pageProcessors":[{"type":"export","_exportId":"%s"}],
         "nextRouterId":"r9"}]}]}"""
            .formatted(source);
    ApiClient.Response r = post("flows", withRouters);
    assertError(r, 422, "invalid_field", "routers[0].branches[0].pageProcessors[0]._exportId");
    assertThat(r.errorFields()).contains("routers[0].branches[0].nextRouterId");
  }

  @Test
  void schedulesAndTimeZonesAreChecked() {
    for (String ok :
        new String[] {
          "? 0 2 ? * *",
          "0 2 * * *",
          "? */5 * * * *",
          "? 5 0,6,12,18 ? * *",
          "0 8 * * MON-FRI",
          "? 0 12 L * ?",
          "? 0 9 ? * 1#2",
          "0 9 15W * ?"
        }) {
      ApiClient.Response r =
          post(
              "flows",
              "{\"name\":\"s\",\"schedule\":\"" + ok + "\",\"timezone\":\"America/Los_Angeles\"}");
      assertThat(r.status()).as(ok + " " + r.body()).isEqualTo(201);
    }
    for (String bad :
        new String[] {"every day", "? 61 * * * *", "* * *", "0 2 1 * 1", "0 25 * * *"}) {
      assertError(
          post("flows", "{\"name\":\"s\",\"schedule\":\"" + bad + "\"}"),
          422,
          "invalid_field",
          "schedule");
    }
    assertError(
        post("flows", "{\"name\":\"s\",\"timezone\":\"Mars/Olympus\"}"),
        422,
        "invalid_field",
        "timezone");
    String conn = fx.httpConnection("sch");
    String src = fx.httpExport(conn, "s", false);
    assertError(
        post(
            "flows",
            "{\"name\":\"s\",\"pageGenerators\":[{\"_exportId\":\""
                + src
                + "\",\"schedule\":\"x\"}]}"),
        422,
        "invalid_field",
        "pageGenerators[0].schedule");
  }

  @Test
  void malformedFiltersAndTransformsAre422AtSave() {
    String conn = fx.httpConnection("rules");
    ApiClient.Response r =
        post(
            "exports",
            "{\"name\":\"f\",\"_connectionId\":\""
                + conn
                + "\",\"http\":{},"
                + "\"filter\":{\"type\":\"expression\",\"expression\":{\"version\":\"1\",\"rules\":[\"frobnicate\",1,2]}}}");
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.errorFields().get(0)).startsWith("filter.");
    assertError(
        post(
            "imports",
            "{\"name\":\"i\",\"_connectionId\":\""
                + conn
                + "\",\"http\":{},"
                + "\"filter\":{\"type\":\"expression\",\"expression\":{\"version\":\"1\",\"rules\":[\"equals\",[\"extract\"]]}}}"),
        422,
        "invalid_field",
        null);
    assertThat(
            post(
                    "exports",
                    "{\"name\":\"ok\",\"_connectionId\":\""
                        + conn
                        + "\",\"http\":{},"
                        + "\"filter\":{\"type\":\"expression\",\"expression\":{\"version\":\"1\",\"rules\":[\"notempty\",[\"extract\",\"email\"]]}}}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void wrongJsonTypesAre422() {
    assertError(post("flows", "{\"name\":5}"), 422, "invalid_field", "name");
    assertError(
        post("flows", "{\"name\":\"f\",\"pageGenerators\":{}}"),
        422,
        "invalid_field",
        "pageGenerators");
    assertError(
        post("flows", "{\"name\":\"f\",\"disabled\":\"yes\"}"), 422, "invalid_field", "disabled");
    assertError(
        post("flows", "{\"name\":\"f\",\"pageGenerators\":[5]}"),
        422,
        "invalid_field",
        "pageGenerators[0]");
    assertError(
        post("connections", "{\"type\":\"http\",\"http\":{\"concurrencyLevel\":\"many\"}}"),
        422,
        "invalid_field",
        "http.concurrencyLevel");
    assertError(post("connections", "{\"type\":\"carrier-pigeon\"}"), 422, "invalid_field", "type");
    assertError(api.post("/v1/flows", Json.parse("[1,2]")), 422, "invalid_field", null);
    assertError(
        post("exports", "{\"name\":\"e\",\"pageSize\":\"20\"}"), 422, "invalid_field", "pageSize");
  }

  @Test
  void malformedJsonIs400AndOversizedBodiesAre413() {
    assertError(api.post("/v1/flows", "{\"name\":"), 400, "invalid_json", null);
    assertError(api.post("/v1/flows", ""), 400, "invalid_json", null);
    assertError(
        api.post("/v1/flows", "{\"name\":\"a\",\"name\":\"b\"}"), 400, "invalid_json", null);
    String huge = "{\"name\":\"big\",\"description\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
    ApiClient.Response r = api.post("/v1/integrations", huge);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorCode()).isEqualTo("payload_too_large");
  }

  @Test
  void unknownOrMalformedIdsAre404() {
    assertError(api.get("/v1/flows/0123456789abcdef01234567"), 404, "not_found", null);
    assertError(api.get("/v1/flows/not-an-id"), 404, "not_found", null);
    assertError(api.put("/v1/exports/XYZ", Json.parse("{}")), 404, "not_found", null);
    assertError(api.delete("/v1/scripts/0123456789ABCDEF01234567"), 404, "not_found", null);
    String integration = fx.integration("typed");
    assertError(api.get("/v1/flows/" + integration), 404, "not_found", null);
    assertError(api.get("/v1/no-such-collection"), 404, "not_found", null);
  }

  @Test
  void deletingAReferencedResourceIs409NamingTheReferrers() {
    String conn = fx.httpConnection("used");
    String exp = fx.httpExport(conn, "used-export", false);
    String imp = fx.httpImport(conn, "used-import");
    String integration = fx.integration("used-int");
    String flow = fx.flow(integration, exp, imp);
    ApiClient.Response r = api.delete("/v1/exports/" + exp);
    assertError(r, 409, "resource_in_use", null);
    assertThat(r.json().at("/errors/0/message").asText())
        .contains(flow)
        .contains("pageGenerators[0]._exportId");
    assertError(api.delete("/v1/connections/" + conn), 409, "resource_in_use", null);
    assertError(api.delete("/v1/integrations/" + integration), 409, "resource_in_use", null);
    assertThat(api.get("/v1/exports/" + exp).status()).isEqualTo(200);
    assertThat(api.delete("/v1/flows/" + flow).status()).isEqualTo(204);
    assertThat(api.delete("/v1/exports/" + exp).status()).isEqualTo(204);
    assertThat(api.delete("/v1/imports/" + imp).status()).isEqualTo(204);
    assertThat(api.delete("/v1/connections/" + conn).status()).isEqualTo(204);
    assertThat(api.delete("/v1/integrations/" + integration).status()).isEqualTo(204);
  }

  @Test
  void aFlowMayNotChainOntoItself() {
    // Issue 11: a flow naming itself in _runNextFlowIds would start itself forever.
    String id = fx.create("flows", "{\"name\":\"loop\"}");
    ApiClient.Response r =
        api.put(
            "/v1/flows/" + id,
            Json.parse("{\"name\":\"loop\",\"_runNextFlowIds\":[\"" + id + "\"]}"));
    assertError(r, 422, "invalid_field", "_runNextFlowIds[0]");
    assertThat(api.delete("/v1/flows/" + id).status()).isEqualTo(204);
  }
}
