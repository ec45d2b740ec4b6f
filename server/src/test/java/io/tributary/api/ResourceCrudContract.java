package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CRUD, ids, lists, projections, PUT and PATCH, over HTTP. */
abstract class ResourceCrudContract extends ApiContractBase {

  @Test
  void createGetReplaceDeleteEveryType() {
    String conn = fx.httpConnection("c");
    String integration = fx.integration("i");
    List<String[]> bodies =
        List.of(
            new String[] {
              "connections",
              "{\"type\":\"http\",\"name\":\"n1\",\"http\":{\"baseURI\":\"http://127.0.0.1:1\"}}"
            },
            new String[] {"integrations", "{\"name\":\"n1\",\"settings\":{\"a\":1}}"},
            new String[] {
              "exports",
              "{\"name\":\"n1\",\"_connectionId\":\""
                  + conn
                  + "\",\"http\":{\"relativeURI\":\"/x\"}}"
            },
            new String[] {
              "imports",
              "{\"name\":\"n1\",\"_connectionId\":\""
                  + conn
                  + "\",\"http\":{\"relativeURI\":[\"/y\"]}}"
            },
            new String[] {"scripts", "{\"name\":\"n1\",\"content\":\"function f(o){return o}\"}"},
            new String[] {
              "flows",
              "{\"name\":\"n1\",\"_integrationId\":\"" + integration + "\",\"disabled\":true}"
            });
    for (String[] b : bodies) {
      String type = b[0];
      ApiClient.Response created = api.post("/v1/" + type, Json.parse(b[1]));
      assertThat(created.status()).as(type + " " + created.body()).isEqualTo(201);
      JsonNode doc = created.json();
      String id = doc.get("_id").asText();
      assertThat(id).matches("[0-9a-f]{24}");
      assertThat(doc.get("createdAt").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(doc.get("name").asText()).isEqualTo("n1");
      assertThat(fx.get(type, id)).isEqualTo(doc);

      ObjectNode replacement = (ObjectNode) Json.parse(b[1]);
      replacement.put("name", "n2").put("description", "d");
      ApiClient.Response put = api.put("/v1/" + type + "/" + id, replacement);
      assertThat(put.status()).as(put.body()).isEqualTo(200);
      assertThat(put.json().get("name").asText()).isEqualTo("n2");
      assertThat(put.json().get("createdAt")).isEqualTo(doc.get("createdAt"));

      ApiClient.Response patch =
          api.patch(
              "/v1/" + type + "/" + id,
              Json.parse("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"n3\"}]"));
      assertThat(patch.status()).as(type + " patch " + patch.body()).isEqualTo(204);
      assertThat(fx.get(type, id).get("name").asText()).isEqualTo("n3");

      assertThat(api.delete("/v1/" + type + "/" + id).status()).isEqualTo(204);
      assertThat(api.get("/v1/" + type + "/" + id).status()).isEqualTo(404);
      assertThat(api.delete("/v1/" + type + "/" + id).status()).isEqualTo(404);
    }
  }

  @Test
  void clientsCannotSetServerManagedFields() {
    JsonNode doc =
        api.post(
                "/v1/integrations",
                Json.parse(
                    """
        {"name":"x","_id":"aaaaaaaaaaaaaaaaaaaaaaaa","createdAt":"2000-01-01T00:00:00.000Z","lastModified":"2000-01-01T00:00:00.000Z"}"""))
            .json();
    assertThat(doc.get("_id").asText()).isNotEqualTo("aaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(doc.get("createdAt").asText()).doesNotStartWith("2000");
    ApiClient.Response put =
        api.put(
            "/v1/integrations/" + doc.get("_id").asText(),
            Json.parse(
                "{\"name\":\"y\",\"_id\":\"bbbbbbbbbbbbbbbbbbbbbbbb\",\"createdAt\":\"2000-01-01T00:00:00.000Z\"}"));
    assertThat(put.json().get("_id")).isEqualTo(doc.get("_id"));
    assertThat(put.json().get("createdAt")).isEqualTo(doc.get("createdAt"));
  }

  @Test
  void putReplacesTheWholeDocument() {
    String id =
        fx.create(
            "integrations", "{\"name\":\"a\",\"description\":\"keep?\",\"settings\":{\"x\":1}}");
    JsonNode put = api.put("/v1/integrations/" + id, Json.parse("{\"name\":\"b\"}")).json();
    assertThat(put.has("description")).isFalse();
    assertThat(put.has("settings")).isFalse();
    assertThat(fx.get("integrations", id).has("description")).isFalse();
  }

  @Test
  void unknownFieldsAndExactNumbersRoundTrip() {
    String body =
        """
        {"name":"odd","custom":{"deep":[1,2.50,{"x":null,"y":true}],"big":12345678901234567890.0001},"e":1E+2}""";
    String id = fx.create("integrations", body);
    JsonNode got = fx.get("integrations", id);
    assertThat(got.get("custom").toString())
        .isEqualTo("{\"deep\":[1,2.50,{\"x\":null,\"y\":true}],\"big\":12345678901234567890.0001}");
    assertThat(got.get("e").decimalValue()).isEqualByComparingTo("100");
  }

  @Test
  void flowsListIs204WhenEmptyOtherListsAreEmptyArrays() {
    try (TestServer fresh = TestServer.start(postgres())) {
      ApiClient c = fresh.client();
      ApiClient.Response flows = c.get("/v1/flows");
      assertThat(flows.status()).isEqualTo(204);
      assertThat(flows.body()).isEmpty();
      ApiClient.Response exports = c.get("/v1/exports");
      assertThat(exports.status()).isEqualTo(200);
      assertThat(exports.json().isArray()).isTrue();
      assertThat(exports.json()).isEmpty();
      new io.tributary.testing.Fixtures(c).create("flows", "{\"name\":\"only\"}");
      assertThat(c.get("/v1/flows").json()).hasSize(1);
    }
  }

  @Test
  void listsPageByLinkHeaderAtOneThousand() {
    try (TestServer fresh = TestServer.start(postgres())) {
      ApiClient c = fresh.client();
      for (int i = 0; i < 1001; i++) {
        assertThat(
                c.post("/v1/scripts", Json.parse("{\"name\":\"s" + i + "\",\"content\":\"x\"}"))
                    .status())
            .isEqualTo(201);
      }
      ApiClient.Response first = c.get("/v1/scripts?include=description");
      assertThat(first.json()).hasSize(1000);
      String link = first.header("Link");
      assertThat(link).startsWith("<" + c.base() + "/v1/scripts?").endsWith(">; rel=\"next\"");
      ApiClient.Response second = c.get(link.substring(1, link.indexOf('>')));
      assertThat(second.json()).hasSize(1);
      assertThat(second.header("Link")).isNull();
      Set<String> ids = new HashSet<>();
      first.json().forEach(n -> ids.add(n.get("_id").asText()));
      second.json().forEach(n -> ids.add(n.get("_id").asText()));
      assertThat(ids).hasSize(1001);
      assertThat(second.json().get(0).get("name").asText()).isEqualTo("s1000");
    }
  }

  @Test
  void listsProjectWithIncludeOrExclude() {
    String conn = fx.httpConnection("proj");
    fx.httpExport(conn, "projected", false);
    JsonNode included = api.get("/v1/exports?include=http.method").json();
    JsonNode item = findByName(included, "projected");
    assertThat(item.get("http").get("method").asText()).isEqualTo("GET");
    assertThat(item.has("http") && item.get("http").has("relativeURI")).isFalse();
    assertThat(item.get("adaptorType").asText()).isEqualTo("HTTPExport");
    assertThat(item.has("_connectionId")).isFalse();

    JsonNode excluded = api.get("/v1/exports?exclude=http,_connectionId").json();
    item = findByName(excluded, "projected");
    assertThat(item.has("http")).isFalse();
    assertThat(item.has("_connectionId")).isFalse();
    assertThat(item.has("isLookup")).isTrue();

    ApiClient.Response both = api.get("/v1/exports?include=a&exclude=b");
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.errorCode()).isEqualTo("invalid_query_params");
    assertThat(api.get("/v1/exports?include=a;drop").status()).isEqualTo(400);
  }

  @Test
  void scriptListsLeaveOutContent() {
    String id = fx.create("scripts", "{\"name\":\"hidden\",\"content\":\"function x(){}\"}");
    assertThat(findByName(api.get("/v1/scripts").json(), "hidden").has("content")).isFalse();
    assertThat(fx.get("scripts", id).get("content").asText()).isEqualTo("function x(){}");
  }

  @Test
  void patchIsLimitedToTheWhitelistAndValidated() {
    String flow =
        fx.create("flows", "{\"name\":\"p\",\"schedule\":\"? 0 2 ? * *\",\"pageGenerators\":[]}");
    ApiClient.Response ok =
        api.patch(
            "/v1/flows/" + flow,
            Json.parse(
                """
        [{"op":"replace","path":"/disabled","value":true},{"op":"add","path":"/settings","value":{"k":"v"}},
         {"op":"replace","path":"/timezone","value":"Europe/Berlin"}]"""));
    assertThat(ok.status()).as(ok.body()).isEqualTo(204);
    JsonNode got = fx.get("flows", flow);
    assertThat(got.get("disabled").asBoolean()).isTrue();
    assertThat(got.get("settings").get("k").asText()).isEqualTo("v");

    ApiClient.Response refused =
        api.patch(
            "/v1/flows/" + flow,
            Json.parse("[{\"op\":\"replace\",\"path\":\"/pageProcessors\",\"value\":[]}]"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorCode()).isEqualTo("invalid_patch_path");

    ApiClient.Response invalid =
        api.patch(
            "/v1/flows/" + flow,
            Json.parse("[{\"op\":\"replace\",\"path\":\"/schedule\",\"value\":\"not cron\"}]"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.errorFields()).contains("schedule");
    assertThat(fx.get("flows", flow).get("schedule").asText()).isEqualTo("? 0 2 ? * *");

    assertThat(api.patch("/v1/flows/" + flow, Json.parse("{\"op\":\"replace\"}")).status())
        .isEqualTo(400);
    assertThat(
            api.patch(
                    "/v1/flows/" + flow,
                    Json.parse("[{\"op\":\"move\",\"path\":\"/name\",\"from\":\"/x\"}]"))
                .status())
        .isEqualTo(400);
    assertThat(api.patch("/v1/flows/" + flow, "[{").status()).isEqualTo(400);
    assertThat(fx.get("flows", flow).get("disabled").asBoolean()).isTrue();
  }

  @Test
  void patchReachesIndexedPageGeneratorFields() {
    String conn = fx.httpConnection("pg");
    String exp = fx.httpExport(conn, "pg-src", false);
    String flow =
        fx.create("flows", "{\"name\":\"p\",\"pageGenerators\":[{\"_exportId\":\"" + exp + "\"}]}");
    ApiClient.Response r =
        api.patch(
            "/v1/flows/" + flow,
            Json.parse(
                "[{\"op\":\"add\",\"path\":\"/pageGenerators/0/schedule\",\"value\":\"*/5 * * * *\"}]"));
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(fx.get("flows", flow).at("/pageGenerators/0/schedule").asText())
        .isEqualTo("*/5 * * * *");
  }

  static JsonNode findByName(JsonNode list, String name) {
    for (JsonNode n : list) if (name.equals(n.path("name").asText())) return n;
    throw new AssertionError("no item named " + name + " in " + list);
  }
}
