package io.tributary.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** D28 scopes: a token scoped to integration A sees and touches A only, at its access level. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedTokensTest {
  private TestServer server;
  private ApiClient admin;
  private TwoIntegrations two;
  private ApiClient manager;
  private ApiClient monitor;

  @BeforeAll
  void start() {
    server = TestServer.start(false);
    admin = server.client();
    two = TwoIntegrations.create(admin);
    manager =
        admin.withToken(
            TwoIntegrations.token(
                admin,
                "{\"name\":\"A manager\",\"_integrationIds\":[\""
                    + two.a().integration()
                    + "\"]}"));
    monitor =
        admin.withToken(
            TwoIntegrations.token(
                admin,
                "{\"name\":\"A monitor\",\"fullAccess\":false,\"accessLevel\":\"monitor\",\"_integrationIds\":[\""
                    + two.a().integration()
                    + "\"]}"));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void listsHoldOnlyWhatTheIntegrationReaches() {
    for (ApiClient c : List.of(manager, monitor)) {
      assertThat(ids(c.get("/v1/integrations").json())).containsExactly(two.a().integration());
      assertThat(ids(c.get("/v1/flows").json())).containsExactly(two.a().flow());
      assertThat(ids(c.get("/v1/exports").json()))
          .containsExactlyInAnyOrder(two.a().export(), two.a().lookup());
      assertThat(ids(c.get("/v1/imports").json())).containsExactly(two.a().imp());
      assertThat(ids(c.get("/v1/connections").json())).containsExactly(two.a().connection());
      assertThat(ids(c.get("/v1/scripts").json())).containsExactly(two.a().script());
    }
    // The admin still sees both sides.
    assertThat(ids(admin.get("/v1/flows").json()))
        .containsExactlyInAnyOrder(two.a().flow(), two.b().flow());
  }

  @Test
  void anythingOutsideIsForbidden() {
    ApiClient.Response r = manager.get("/v1/flows/" + two.b().flow());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.errorCode()).isEqualTo("forbidden");
    assertThat(manager.get("/v1/connections/" + two.b().connection()).status()).isEqualTo(403);
    assertThat(manager.delete("/v1/scripts/" + two.b().script()).status()).isEqualTo(403);
    assertThat(manager.post("/v1/flows/" + two.b().flow() + "/run", Json.object()).status())
        .isEqualTo(403);
    assertThat(admin.get("/v1/scripts/" + two.b().script()).status()).isEqualTo(200);
    assertThat(manager.get("/v1/flows/" + two.a().flow()).status()).isEqualTo(200);
    assertThat(manager.get("/v1/accesstokens").status()).isEqualTo(403);
    assertThat(manager.get("/v1/audit").status()).isEqualTo(403);
  }

  @Test
  void monitorReadsAndRunsButChangesNothing() {
    JsonNode flow = monitor.get("/v1/flows/" + two.a().flow()).json();
    assertThat(monitor.put("/v1/flows/" + two.a().flow(), flow).status()).isEqualTo(403);
    assertThat(
            monitor
                .patch(
                    "/v1/flows/" + two.a().flow(),
                    Json.parse("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"}]"))
                .status())
        .isEqualTo(403);
    assertThat(
            monitor
                .post(
                    "/v1/flows",
                    Json.parse(
                        "{\"name\":\"n\",\"_integrationId\":\"" + two.a().integration() + "\"}"))
                .status())
        .isEqualTo(403);
    assertThat(monitor.post("/v1/flows/" + two.a().flow() + "/run", Json.object()).status())
        .isEqualTo(201);
    assertThat(
            monitor.get("/v1/flows/" + two.a().flow() + "/" + two.a().imp() + "/errors").status())
        .isEqualTo(200);
    assertThat(admin.get("/v1/flows/" + two.a().flow()).json().get("name").asText())
        .isEqualTo("flow A");
  }

  @Test
  void managerChangesItsOwnButCannotPullInWhatItCannotSee() {
    JsonNode flow = manager.get("/v1/flows/" + two.a().flow()).json();
    ((com.fasterxml.jackson.databind.node.ObjectNode) flow)
        .put("description", "changed by the manager");
    assertThat(manager.put("/v1/flows/" + two.a().flow(), flow).status()).isEqualTo(200);

    String stolen = flow.toString().replace(two.a().export(), two.b().export());
    ApiClient.Response r = manager.put("/v1/flows/" + two.a().flow(), Json.parse(stolen));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains(two.b().export());
    assertThat(manager.get("/v1/exports/" + two.b().export()).status()).isEqualTo(403);

    String moved = flow.toString().replace(two.a().integration(), two.b().integration());
    assertThat(manager.put("/v1/flows/" + two.a().flow(), Json.parse(moved)).status())
        .isEqualTo(403);

    assertThat(
            manager
                .post(
                    "/v1/flows",
                    Json.parse(
                        "{\"name\":\"new\",\"_integrationId\":\"" + two.b().integration() + "\"}"))
                .status())
        .isEqualTo(403);
    assertThat(
            manager
                .post(
                    "/v1/connections",
                    Json.parse(
                        "{\"type\":\"http\",\"name\":\"c\",\"http\":{\"baseURI\":\"http://x\"}}"))
                .status())
        .isEqualTo(403);
    ApiClient.Response created =
        manager.post(
            "/v1/flows",
            Json.parse("{\"name\":\"new\",\"_integrationId\":\"" + two.a().integration() + "\"}"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(ids(manager.get("/v1/flows").json())).contains(created.json().get("_id").asText());
  }

  @Test
  void tokenInfoTellsTheScope() {
    JsonNode info = monitor.get("/v1/tokenInfo").json();
    assertThat(info.get("scope").asText()).isEqualTo("custom");
    assertThat(info.get("accessLevel").asText()).isEqualTo("monitor");
    assertThat(info.get("_integrationIds").get(0).asText()).isEqualTo(two.a().integration());
    assertThat(admin.get("/v1/tokenInfo").json().get("scope").asText()).isEqualTo("*");
  }

  @Test
  void anExportScopedTokenReachesThatExportAndItsConnectionOnly() {
    ApiClient c =
        admin.withToken(
            TwoIntegrations.token(
                admin,
                "{\"_exportIds\":[\"" + two.b().export() + "\"],\"accessLevel\":\"monitor\"}"));
    assertThat(ids(c.get("/v1/exports").json())).containsExactly(two.b().export());
    assertThat(ids(c.get("/v1/connections").json())).containsExactly(two.b().connection());
    assertThat(c.get("/v1/flows").status()).isEqualTo(204);
    assertThat(c.get("/v1/exports/" + two.b().export()).status()).isEqualTo(200);
    assertThat(c.get("/v1/exports/" + two.b().lookup()).status()).isEqualTo(403);
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null) list.forEach(n -> out.add(n.get("_id").asText()));
    return out;
  }
}
