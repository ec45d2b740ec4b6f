package io.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.openapi.ApiDocument;
import io.tributary.testing.ApiClient;
import io.tributary.testing.FlowFixture;
import io.tributary.testing.LocalApi;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The API description is served, matches the routes Javalin registered, and real answers conform to
 * it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
  private TestServer server;
  private ApiClient api;
  private JsonNode doc;
  private ApiSchemas schemas;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    api = server.client();
    ApiClient.Response r = api.withToken(null).get("/v1/openapi.json");
    assertThat(r.status()).as("served without a token").isEqualTo(200);
    doc = r.json();
    schemas = new ApiSchemas(doc);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
    TreeSet<String> registered = new TreeSet<>(server.app().routes());
    TreeSet<String> documented = new TreeSet<>(ApiDocument.operations(doc));
    TreeSet<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    TreeSet<String> phantom = new TreeSet<>(documented);
    phantom.removeAll(registered);
    assertThat(undocumented).as("routes missing from ApiPaths").isEmpty();
    assertThat(phantom).as("documented operations with no route").isEmpty();
    assertThat(registered).hasSizeGreaterThan(80);
  }

  @Test
  void theDocumentIsOpenApi31WithBearerAuthAndTheErrorEnvelope() {
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/security/0").has("bearer")).isTrue();
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).hasSizeGreaterThan(100);
    refs.forEach(schemas::pointer); // every reference resolves
    doc.get("paths")
        .forEach(
            item ->
                item.forEach(
                    op -> {
                      assertThat(op.path("responses").has("default"))
                          .as(op.path("operationId").asText())
                          .isTrue();
                      assertThat(op.path("operationId").asText()).isNotEmpty();
                    }));
    assertThat(doc.at("/paths/~1v1~1flows~1{id}~1run/post/security").isMissingNode())
        .as("run needs a token")
        .isTrue();
    assertThat(doc.at("/paths/~1v1~1openapi.json/get/security").isEmpty())
        .as("the document needs none")
        .isTrue();
  }

  @Test
  void docsPageIsServedWithItsOwnAssets() {
    ApiClient anonymous = api.withToken(null);
    ApiClient.Response page = anonymous.get("/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body())
        .contains("/v1/openapi.json")
        .contains("src=\"/docs/swagger-ui-bundle.js\"")
        .doesNotContain("https://");
    ApiClient.Response bundle = anonymous.get("/docs/swagger-ui-bundle.js");
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.body()).contains("SwaggerUIBundle");
    assertThat(anonymous.get("/docs/swagger-ui.css").status()).isEqualTo(200);
    assertThat(anonymous.get("/docs/index.html").status())
        .as("only the listed assets")
        .isEqualTo(404);
  }

  @Test
  void realAnswersOfTheMainResourcesConformToTheirSchemas() {
    try (LocalApi remote = new LocalApi()) {
      remote.on(
          "GET", "/items", req -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2}]}"));
      remote.on(
          "POST",
          "/sink",
          req ->
              Json.read(req.body()).path("id").asInt() == 2
                  ? LocalApi.Response.json(422, "{\"message\":\"no\"}")
                  : LocalApi.Response.json(201, "{\"id\":\"x\"}"));
      FlowFixture f =
          FlowFixture.load(
              api, "logged-run", Map.of("baseUrl", remote.baseUrl(), "password", "pw"));
      String flow = f.flowId();
      String step = f.id("imports.sink");
      JsonNode job =
          conform("POST", "/v1/flows/{id}/run", "/v1/flows/" + flow + "/run?wait=60", "");
      assertThat(job.path("children").size()).isEqualTo(2);
      String integration =
          conform("POST", "/v1/integrations", "/v1/integrations", "{\"name\":\"shop\"}")
              .get("_id")
              .asText();
      JsonNode token =
          conform(
              "POST",
              "/v1/accesstokens",
              "/v1/accesstokens",
              "{\"name\":\"ci\",\"fullAccess\":true}");

      conform("GET", "/v1/flows", "/v1/flows", null);
      conform("GET", "/v1/flows/{id}", "/v1/flows/" + flow, null);
      conform("GET", "/v1/exports", "/v1/exports", null);
      conform("GET", "/v1/exports/{id}", "/v1/exports/" + f.id("exports.items"), null);
      conform("GET", "/v1/imports/{id}", "/v1/imports/" + step, null);
      conform("GET", "/v1/imports", "/v1/imports", null);
      conform("GET", "/v1/connections", "/v1/connections", null);
      conform("GET", "/v1/connections/{id}", "/v1/connections/" + f.id("connections.api"), null);
      conform("GET", "/v1/integrations", "/v1/integrations", null);
      conform("GET", "/v1/integrations/{id}", "/v1/integrations/" + integration, null);
      conform("GET", "/v1/jobs", "/v1/jobs?_flowId=" + flow, null);
      conform("GET", "/v1/jobs/{id}", "/v1/jobs/" + job.get("_id").asText(), null);
      conform("GET", "/v1/flows/{id}/jobs/latest", "/v1/flows/" + flow + "/jobs/latest", null);
      assertThat(
              conform("GET", "/v1/flows/{flowId}/errors", "/v1/flows/" + flow + "/errors", null)
                  .at("/flowErrors/0/numError")
                  .asInt())
          .isEqualTo(1);
      assertThat(
              conform(
                      "GET",
                      "/v1/flows/{flowId}/{stepId}/errors",
                      "/v1/flows/" + flow + "/" + step + "/errors",
                      null)
                  .path("errors")
                  .size())
          .isEqualTo(1);
      conform("GET", "/v1/accesstokens", "/v1/accesstokens", null);
      conform(
          "GET", "/v1/accesstokens/{id}", "/v1/accesstokens/" + token.get("_id").asText(), null);
      conform("GET", "/v1/tokenInfo", "/v1/tokenInfo", null);
      conform("GET", "/v1/audit", "/v1/audit", null);
      conform("GET", "/v1/flows/{id}/audit", "/v1/flows/" + flow + "/audit", null);
      conform("GET", "/v1/flows/{id}/dependencies", "/v1/flows/" + flow + "/dependencies", null);
      conform(
          "GET",
          "/v1/exports/{id}/dependencies",
          "/v1/exports/" + f.id("exports.items") + "/dependencies",
          null);
      conform(
          "GET",
          "/v1/connections/{id}/dependencies",
          "/v1/connections/" + f.id("connections.api") + "/dependencies",
          null);
      conform("GET", "/v1/templates", "/v1/templates", null);
      JsonNode invited =
          conform(
              "POST",
              "/v1/invite",
              "/v1/invite",
              "{\"email\":\"ann@example.com\",\"accessLevel\":\"monitor\"}");
      conform("GET", "/v1/ashares", "/v1/ashares", null);
      conform(
          "POST",
          "/v1/ashares/{id}/passwordLink",
          "/v1/ashares/" + invited.get("_id").asText() + "/passwordLink",
          "");
      assertThat(
              api.put("/v1/flows/" + flow + "/state/cursor", Json.parse("{\"page\":2}")).status())
          .isEqualTo(200);
      assertThat(
              conform("GET", "/v1/flows/{id}/state", "/v1/flows/" + flow + "/state", null)
                  .path("keys")
                  .size())
          .isEqualTo(1);
      conform("DELETE", "/v1/flows/{id}/state/{key}", "/v1/flows/" + flow + "/state/cursor", null);
      conform("GET", "/v1/state", "/v1/state", null);
      conform(
          "GET",
          "/v1/flows/{id}/lastExportDateTime",
          "/v1/flows/" + flow + "/lastExportDateTime",
          null);
      // Failures answer the error envelope (D4).
      assertThat(
              conform("POST", "/v1/flows", "/v1/flows", "{\"name\":5}")
                  .at("/errors/0/field")
                  .asText())
          .isEqualTo("name");
      conform("GET", "/v1/flows/{id}", "/v1/flows/0123456789abcdef01234567", null);
      conform("GET", "/v1/jobs/{id}", "/v1/jobs/0123456789abcdef01234567", null);
    }
  }

  @Test
  void theValidatorRejectsAnswersThatBreakTheSchema() {
    JsonNode badJob =
        Json.parse(
            "{\"_id\":\"0123456789abcdef01234567\",\"type\":\"flow\",\"_flowId\":\"0123456789abcdef01234567\","
                + "\"status\":\"exploded\",\"numSuccess\":1,\"numError\":0,\"numIgnore\":0,\"numExport\":1,\"createdAt\":\"2026-01-01T00:00:00Z\"}");
    assertThat(schemas.problems("GET", "/v1/jobs/{id}", 200, badJob)).isNotEmpty();
    assertThat(
            schemas.problems(
                "GET", "/v1/flows/{id}", 404, Json.parse("{\"message\":\"no errors array\"}")))
        .isNotEmpty();
    assertThat(schemas.problems("GET", "/v1/flows", 200, Json.parse("[{\"name\":\"no id\"}]")))
        .isNotEmpty();
  }

  /**
   * Sends the request, checks its answer against the schema documented for its status, and answers
   * the body.
   */
  private JsonNode conform(String method, String template, String path, String body) {
    ApiClient.Response r =
        api.send(method, path, body == null ? null : body.isEmpty() ? "" : Json.parse(body));
    assertThat(r.header("Content-Type")).as(method + " " + path).startsWith("application/json");
    JsonNode json = r.json();
    assertThat(schemas.problems(method, template, r.status(), json))
        .as("%s %s -> %s %s", method, path, r.status(), r.body())
        .isEmpty();
    return json;
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject() && node.has("$ref")) out.add(node.get("$ref").asText());
    node.forEach(child -> collectRefs(child, out));
  }
}
