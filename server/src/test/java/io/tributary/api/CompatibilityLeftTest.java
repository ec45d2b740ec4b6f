package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.Settings;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The D30 items left after the first pass: dependencies' shape, a step's replaceConnection,
 * jobs/latest, TRIBUTARY_PUBLIC_URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompatibilityLeftTest {
  private TestServer server;
  private ApiClient api;
  private Fixtures fx;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    api = server.client();
    fx = new Fixtures(api);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void thePublicUrlWinsForEveryAbsoluteUrl() {
    assertThat(
            Settings.fromEnv(Map.of("TRIBUTARY_PUBLIC_URL", "https://ipaas.example.com"))
                .publicUrl())
        .isEqualTo("https://ipaas.example.com");
    try (TestServer s = TestServer.startWith(c -> c.withPublicUrl("https://ipaas.example.com/"))) {
      ApiClient c = s.client();
      Fixtures f = new Fixtures(c);
      String conn = f.httpConnection("paged");
      f.httpExport(conn, "a", false);
      f.httpExport(conn, "b", false);
      String flow = f.create("flows", "{\"name\":\"templated\"}");
      ApiClient.Response page = c.send("GET", "/v1/exports?limit=1", null);
      assertThat(page.header("Link"))
          .startsWith("<https://ipaas.example.com/v1/exports?")
          .contains("rel=\"next\"");
      assertThat(c.get("/v1/flows/" + flow + "/template").json().get("signedURL").asText())
          .startsWith("https://ipaas.example.com/v1/templates/download/");
      JsonNode invite =
          c.post(
                  "/v1/invite",
                  Json.parse("{\"email\":\"p@example.com\",\"accessLevel\":\"monitor\"}"))
              .json();
      assertThat(invite.get("setPasswordURL").asText())
          .startsWith("https://ipaas.example.com/set-password#token=");
    }
  }

  @Test
  void latestJobsOfAnUnknownIntegrationAre404() {
    assertThat(api.get("/v1/integrations/0123456789abcdef01234567/jobs/latest").status())
        .isEqualTo(404);
    String flow = fx.create("flows", "{\"name\":\"not an integration\"}");
    assertThat(api.get("/v1/integrations/" + flow + "/jobs/latest").status()).isEqualTo(404);
    String integration = fx.integration("empty");
    ApiClient.Response r = api.get("/v1/integrations/" + integration + "/jobs/latest");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json()).isEmpty();
  }

  @Test
  void dependenciesOfEachKindInTheOriginalsShape() {
    String integration = fx.integration("deps");
    String conn = fx.httpConnection("deps conn");
    String exp = fx.httpExport(conn, "deps export", false);
    String imp = fx.httpImport(conn, "deps import");
    String flow = fx.flow(integration, exp, imp);

    JsonNode ofExport = api.get("/v1/exports/" + exp + "/dependencies").json();
    assertThat(names(ofExport)).containsExactly("flows", "connections");
    assertThat(ofExport.get("flows").get(0))
        .isEqualTo(
            Json.parse(
                "{\"id\":\""
                    + flow
                    + "\",\"name\":\""
                    + name("flows", flow)
                    + "\",\"relation\":\"usedBy\"}"));
    assertThat(ofExport.get("connections").get(0).get("relation").asText()).isEqualTo("uses");

    JsonNode ofImport = api.get("/v1/imports/" + imp + "/dependencies").json();
    assertThat(names(ofImport)).containsExactly("flows", "connections");

    JsonNode ofConnection = api.get("/v1/connections/" + conn + "/dependencies").json();
    assertThat(names(ofConnection)).containsExactly("flows", "exports", "imports");
    assertThat(ofConnection.get("flows").findValuesAsText("id")).containsExactly(flow);
    assertThat(ofConnection.findValuesAsText("relation")).containsOnly("usedBy");

    JsonNode ofIntegration = api.get("/v1/integrations/" + integration + "/dependencies").json();
    assertThat(names(ofIntegration)).containsExactly("flows");
    assertThat(ofIntegration.get("flows").get(0).get("id").asText()).isEqualTo(flow);

    String lonely = fx.httpConnection("unused");
    assertThat(api.get("/v1/connections/" + lonely + "/dependencies").json())
        .isEqualTo(Json.object());
    assertThat(api.get("/v1/imports/" + lonely + "/dependencies").status()).isEqualTo(404);
  }

  @Test
  void replaceConnectionOfOneExportOrImport() {
    String conn = fx.httpConnection("old");
    String other = fx.httpConnection("new");
    String rdbms =
        fx.create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"db\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"127.0.0.1\"}}");
    String exp = fx.httpExport(conn, "moving export", false);
    String imp = fx.httpImport(conn, "moving import");
    String keeps = fx.httpImport(conn, "stays");
    JsonNode before = api.get("/v1/exports/" + exp).json();

    ApiClient.Response wrongType =
        api.put(
            "/v1/exports/" + exp + "/replaceConnection",
            Json.parse("{\"_newConnectionId\":\"" + rdbms + "\"}"));
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.errorFields()).containsExactly("_newConnectionId");
    assertThat(api.put("/v1/exports/" + exp + "/replaceConnection", Json.parse("{}")).status())
        .isEqualTo(422);
    assertThat(
            api.put(
                    "/v1/exports/" + exp + "/replaceConnection",
                    Json.parse("{\"_newConnectionId\":\"0123456789abcdef01234567\"}"))
                .errorCode())
        .isEqualTo("invalid_ref");
    assertThat(api.get("/v1/exports/" + exp).json()).isEqualTo(before);

    ApiClient.Response moved =
        api.put(
            "/v1/exports/" + exp + "/replaceConnection",
            Json.parse("{\"_newConnectionId\":\"" + other + "\"}"));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().get("_connectionId").asText()).isEqualTo(other);
    JsonNode after = api.get("/v1/exports/" + exp).json();
    JsonNode unchangedAfter =
        ((com.fasterxml.jackson.databind.node.ObjectNode) after.deepCopy())
            .without(List.of("_connectionId", "lastModified"));
    JsonNode unchangedBefore =
        ((com.fasterxml.jackson.databind.node.ObjectNode) before.deepCopy())
            .without(List.of("_connectionId", "lastModified"));
    assertThat(unchangedAfter).isEqualTo(unchangedBefore);
    assertThat(
            api.put(
                    "/v1/imports/" + imp + "/replaceConnection",
                    Json.parse("{\"_newConnectionId\":\"" + other + "\"}"))
                .status())
        .isEqualTo(200);
    assertThat(api.get("/v1/imports/" + imp).json().get("_connectionId").asText()).isEqualTo(other);
    assertThat(api.get("/v1/imports/" + keeps).json().get("_connectionId").asText())
        .isEqualTo(conn);
    assertThat(api.get("/v1/imports/" + imp + "/audit").json().toString())
        .contains("_connectionId");
  }

  private String name(String type, String id) {
    return api.get("/v1/" + type + "/" + id).json().get("name").asText();
  }

  private static List<String> names(JsonNode groups) {
    List<String> out = new java.util.ArrayList<>();
    groups.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
