package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.LocalApi;
import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

/**
 * D30 invoke: an export's first page and records through an import, with no job and nothing stored.
 */
class InvokeTest extends EngineTestBase {
  @Override
  boolean postgres() {
    return false;
  }

  private long stored(String table) {
    return server
        .app()
        .database()
        .jdbi()
        .withHandle(h -> h.createQuery("select count(*) from " + table).mapTo(Long.class).one());
  }

  private String connection(Fixtures fx) {
    return fx.create(
        "connections",
        """
        {"type":"http","name":"remote","http":{"baseURI":"%s","mediaType":"json","auth":{"type":"basic","basic":{"username":"u","password":"p"}}}}"""
            .formatted(remote.baseUrl()));
  }

  @Test
  void anExportAnswersItsFirstPage() {
    remote.on(
        "GET",
        "/items",
        req -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}"));
    Fixtures fx = new Fixtures(api);
    String export =
        fx.create(
            "exports",
            """
        {"name":"items","_connectionId":"%s","http":{"method":"GET","relativeURI":"/items","response":{"resourcePath":"items"}}}"""
                .formatted(connection(fx)));
    ApiClient.Response r = api.post("/v1/exports/" + export + "/invoke", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data")).isEqualTo(Json.parse("[{\"id\":1},{\"id\":2},{\"id\":3}]"));
    assertThat(remote.requests("GET", "/items")).hasSize(1);
    assertThat(stored("jobs")).isZero();

    remote.on("GET", "/items", req -> LocalApi.Response.json(500, "{\"message\":\"down\"}"));
    ApiClient.Response down = api.post("/v1/exports/" + export + "/invoke", Json.object());
    assertThat(down.status()).isEqualTo(502);
    assertThat(api.post("/v1/exports/0123456789abcdef01234567/invoke", null).status())
        .isEqualTo(404);
  }

  @Test
  void anImportAnswersOneResultPerRecord() {
    remote.on(
        "POST",
        "/sink",
        req -> {
          JsonNode body = Json.read(req.body());
          sunk.add(body);
          return body.path("code").asInt() == 3
              ? LocalApi.Response.json(422, "{\"message\":\"code 3 is taken\"}")
              : LocalApi.Response.json(201, "{\"id\":\"made-" + body.path("code").asInt() + "\"}");
        });
    Fixtures fx = new Fixtures(api);
    String imp =
        fx.create(
            "imports",
            """
        {"name":"sink","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"],"response":{"resourceIdPath":["id"]}},
         "mapping":{"fields":[{"extract":"id","generate":"code"}]},
         "filter":{"type":"expression","expression":{"version":"1","rules":["notequals",["string",["extract","status"]],"draft"]}}}"""
                .formatted(connection(fx)));
    ApiClient.Response r =
        api.post(
            "/v1/imports/" + imp + "/invoke",
            Json.parse("{\"data\":[{\"id\":1},{\"id\":2,\"status\":\"draft\"},{\"id\":3}]}"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode results = r.json();
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("statusCode").asInt()).isEqualTo(200);
    assertThat(results.get(0).get("id").asText()).isEqualTo("made-1");
    assertThat(results.get(1).get("ignored").asBoolean()).isTrue();
    assertThat(results.get(2).get("statusCode").asInt()).isEqualTo(422);
    assertThat(results.get(2).get("errors").get(0).get("message").asText())
        .contains("code 3 is taken");
    assertThat(sunk).containsExactly(Json.parse("{\"code\":1}"), Json.parse("{\"code\":3}"));
    assertThat(stored("jobs")).isZero();
    assertThat(stored("record_errors")).isZero();
    assertThat(api.post("/v1/imports/" + imp + "/invoke", Json.parse("{\"records\":[]}")).status())
        .isEqualTo(422);
  }
}
