package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D30 details of lists, links and documents, as the original's clients rely on them. */
class CompatibilityApiTest extends ApiContractBase {
  @Override
  boolean postgres() {
    return false;
  }

  @Test
  void listsTakeSkipLimitAndTheirFilters() {
    String integration = fx.integration("filters");
    String conn = fx.httpConnection("c1");
    String other =
        fx.create(
            "connections",
            "{\"type\":\"rdbms\",\"name\":\"db\",\"rdbms\":{\"type\":\"postgresql\",\"host\":\"h\",\"database\":\"d\",\"user\":\"u\"}}");
    String e1 = fx.httpExport(conn, "e1", false);
    String e2 = fx.httpExport(conn, "e2", false);
    fx.httpExport(conn, "e3", false);
    String imp = fx.httpImport(conn, "i1");
    String flow = fx.flow(integration, e1, imp);
    String standalone = fx.create("flows", "{\"name\":\"off\",\"disabled\":true}");

    assertThat(ids(api.get("/v1/flows?_integrationId=" + integration))).containsExactly(flow);
    assertThat(ids(api.get("/v1/flows?disabled=true"))).containsExactly(standalone);
    assertThat(ids(api.get("/v1/flows?disabled=false"))).contains(flow).doesNotContain(standalone);
    assertThat(ids(api.get("/v1/exports?_integrationId=" + integration))).containsExactly(e1);
    assertThat(ids(api.get("/v1/exports?_connectionId=" + conn + "&adaptorType=HTTPExport")))
        .contains(e1, e2);
    assertThat(ids(api.get("/v1/exports?adaptorType=RDBMSExport"))).doesNotContain(e1, e2);
    assertThat(ids(api.get("/v1/imports?_connectionId=" + conn))).containsExactly(imp);
    assertThat(ids(api.get("/v1/connections?type=rdbms"))).containsExactly(other);
    assertThat(ids(api.get("/v1/connections?_integrationId=" + integration))).containsExactly(conn);
    assertThat(ids(api.get("/v1/exports?unknownFilter=1"))).contains(e1, e2);

    List<String> all = ids(api.get("/v1/exports?_connectionId=" + conn));
    ApiClient.Response page = api.get("/v1/exports?_connectionId=" + conn + "&limit=1&skip=1");
    assertThat(ids(page)).containsExactly(all.get(1));
    assertThat(page.header("Link")).contains("limit=1").contains("rel=\"next\"");
    assertThat(api.get("/v1/exports?limit=1001").status()).isEqualTo(400);
    assertThat(api.get("/v1/exports?skip=-1").status()).isEqualTo(400);
  }

  @Test
  void linksIgnoreForwardedHeadersFromAClientThatIsNoTrustedProxy() throws Exception {
    // A trusted proxy's X-Forwarded-* are honoured (PublicUrlTest); from anyone else they would let
    // a client steer links.
    String conn = fx.httpConnection("paged");
    fx.httpExport(conn, "a", false);
    fx.httpExport(conn, "b", false);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(api.base() + "/v1/exports?limit=1"))
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "tributary.example.com")
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("Link").orElseThrow()).startsWith("<http://127.0.0.1:");
    assertThat(api.get("/v1/exports?limit=1").header("Link")).startsWith("<http://127.0.0.1:");
  }

  @Test
  void flowsAlwaysCarryDisabledAndExtraPatchPathsWork() {
    String flow = fx.create("flows", "{\"name\":\"plain\"}");
    assertThat(api.get("/v1/flows/" + flow).json().get("disabled").asBoolean()).isFalse();
    assertThat(api.get("/v1/flows").json().get(0).has("disabled")).isTrue();

    String conn = fx.httpConnection("p");
    String export = fx.httpExport(conn, "p", false);
    String imp = fx.httpImport(conn, "p");
    String script =
        fx.create("scripts", "{\"name\":\"s\",\"content\":\"function f(o){return o;}\"}");
    assertThat(
            api.patch(
                    "/v1/exports/" + export,
                    Json.parse(
                        "[{\"op\":\"replace\",\"path\":\"/assistantMetadata\",\"value\":{\"a\":1}}]"))
                .status())
        .isEqualTo(204);
    ApiClient.Response ns =
        api.patch(
            "/v1/exports/" + export,
            Json.parse(
                "[{\"op\":\"replace\",\"path\":\"/netsuite/distributed/disabled\",\"value\":true}]"));
    // The path is patchable; an HTTP export then fails validation for carrying a netsuite block.
    assertThat(ns.errorCode()).as(ns.body()).isEqualTo("invalid_field");
    assertThat(
            api.patch(
                    "/v1/imports/" + imp,
                    Json.parse(
                        "[{\"op\":\"replace\",\"path\":\"/assistantMetadata\",\"value\":{\"b\":2}}]"))
                .status())
        .isEqualTo(204);
    assertThat(
            api.patch(
                    "/v1/scripts/" + script,
                    Json.parse(
                        "[{\"op\":\"replace\",\"path\":\"/debugUntil\",\"value\":\"2030-01-01T00:00:00.000Z\"}]"))
                .status())
        .isEqualTo(204);
    assertThat(api.get("/v1/exports/" + export).json().at("/assistantMetadata/a").asInt())
        .isEqualTo(1);
    assertThat(
            api.patch(
                    "/v1/imports/" + imp,
                    Json.parse(
                        "[{\"op\":\"replace\",\"path\":\"/netsuite/distributed/disabled\",\"value\":true}]"))
                .errorCode())
        .isEqualTo("invalid_patch_path");
  }

  private static List<String> ids(ApiClient.Response r) {
    List<String> out = new ArrayList<>();
    if (r.status() == 204) return out;
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    for (JsonNode n : r.json()) out.add(n.get("_id").asText());
    return out;
  }
}
