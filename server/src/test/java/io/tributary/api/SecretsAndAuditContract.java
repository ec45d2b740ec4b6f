package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

/** Secrets are sealed at rest and masked in answers; every change is audited. */
abstract class SecretsAndAuditContract extends ApiContractBase {

  private static final String CONNECTION =
      """
      {"type":"http","name":"secretive","http":{"baseURI":"http://127.0.0.1:1","headers":[{"name":"x","value":"1"}],
       "auth":{"type":"token","token":{"token":"tok-PLAIN-123","location":"header","scheme":"Bearer"}},
       "encrypted":{"apiKey":"key-PLAIN-456"},"unencrypted":{"region":"eu"}}}""";

  @Test
  void secretsAreMaskedInEveryAnswerAndSealedAtRest() {
    ApiClient.Response created = api.post("/v1/connections", Json.parse(CONNECTION));
    String id = created.json().get("_id").asText();
    for (JsonNode doc :
        new JsonNode[] {
          created.json(),
          fx.get("connections", id),
          ResourceCrudContract.findByName(api.get("/v1/connections").json(), "secretive")
        }) {
      assertThat(doc.at("/http/auth/token/token").asText()).isEqualTo("******");
      assertThat(doc.at("/http/encrypted/apiKey").asText()).isEqualTo("******");
      assertThat(doc.at("/http/auth/token/scheme").asText()).isEqualTo("Bearer");
      assertThat(doc.at("/http/unencrypted/region").asText()).isEqualTo("eu");
    }
    String stored = server.storedDocument(id);
    assertThat(stored)
        .doesNotContain("tok-PLAIN-123")
        .doesNotContain("key-PLAIN-456")
        .contains("enc:v1:");
  }

  @Test
  void maskedSecretsSentBackKeepTheStoredValueAndNewOnesReplaceIt() {
    String id = fx.create("connections", CONNECTION);
    String sealedBefore = server.storedDocument(id);
    JsonNode doc = fx.get("connections", id);
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("name", "renamed");
    assertThat(api.put("/v1/connections/" + id, doc).status()).isEqualTo(200);
    String sealedAfter = server.storedDocument(id);
    assertThat(Json.read(sealedAfter).at("/http/auth/token/token"))
        .isEqualTo(Json.read(sealedBefore).at("/http/auth/token/token"));

    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/http/auth/token"))
        .put("token", "tok-NEW");
    assertThat(api.put("/v1/connections/" + id, doc).status()).isEqualTo(200);
    assertThat(Json.read(server.storedDocument(id)).at("/http/auth/token/token"))
        .isNotEqualTo(Json.read(sealedBefore).at("/http/auth/token/token"));
    assertThat(server.storedDocument(id)).doesNotContain("tok-NEW");

    ApiClient.Response noStored =
        api.post(
            "/v1/connections",
            Json.parse(
                "{\"type\":\"http\",\"http\":{\"auth\":{\"basic\":{\"password\":\"******\"}}}}"));
    assertThat(noStored.status()).isEqualTo(422);
    assertThat(noStored.errorFields()).contains("http.auth.basic.password");
  }

  @Test
  void everyChangeIsAuditedNewestFirstWithMaskedFieldChanges() {
    String id = fx.create("connections", CONNECTION);
    JsonNode doc = fx.get("connections", id);
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/http/auth/token"))
        .put("token", "tok-CHANGED");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("name", "audited");
    api.put("/v1/connections/" + id, doc);
    api.patch(
        "/v1/connections/" + id,
        Json.parse("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"patched\"}]"));

    JsonNode audit = api.get("/v1/connections/" + id + "/audit").json();
    assertThat(audit).hasSize(3);
    assertThat(audit.get(0).get("event").asText()).isEqualTo("update");
    assertThat(audit.get(2).get("event").asText()).isEqualTo("create");
    JsonNode entry = audit.get(1);
    assertThat(entry.get("resourceType").asText()).isEqualTo("connection");
    assertThat(entry.get("_resourceId").asText()).isEqualTo(id);
    assertThat(entry.get("source").asText()).isEqualTo("api");
    assertThat(entry.at("/byUser/_id").asText()).matches("[0-9a-f]{24}");
    assertThat(entry.get("time").asText()).endsWith("Z");
    assertThat(entry.get("fieldChanges").toString())
        .contains("{\"fieldPath\":\"name\",\"oldValue\":\"secretive\",\"newValue\":\"audited\"}")
        .contains(
            "{\"fieldPath\":\"http.auth.token.token\",\"oldValue\":\"******\",\"newValue\":\"******\"}");
    assertThat(audit.toString()).doesNotContain("tok-").doesNotContain("enc:v1");

    assertThat(api.delete("/v1/connections/" + id).status()).isEqualTo(204);
    JsonNode afterDelete = api.get("/v1/connections/" + id + "/audit").json();
    assertThat(afterDelete.get(0).get("event").asText()).isEqualTo("delete");
  }

  @Test
  void theAuditLogFiltersByTypeResourceEventAndTime() {
    String before = java.time.Instant.now().minusSeconds(1).toString();
    String flow = fx.create("flows", "{\"name\":\"audited flow\"}");
    api.patch(
        "/v1/flows/" + flow,
        Json.parse("[{\"op\":\"replace\",\"path\":\"/disabled\",\"value\":true}]"));
    JsonNode all = api.get("/v1/audit?resourceType=flow&_resourceId=" + flow).json();
    assertThat(all).hasSize(2);
    assertThat(api.get("/v1/audit?resourceType=flows&_resourceId=" + flow + "&event=create").json())
        .hasSize(1);
    assertThat(api.get("/v1/audit?_resourceId=" + flow + "&from=" + before).json()).hasSize(2);
    assertThat(api.get("/v1/audit?_resourceId=" + flow + "&to=2000-01-01").json()).isEmpty();
    assertThat(api.get("/v1/audit?limit=1").json()).hasSize(1);
    assertThat(api.get("/v1/audit?from=yesterday").status()).isEqualTo(400);
    assertThat(
            api.get("/v1/flows/" + flow + "/audit")
                .json()
                .get(0)
                .at("/fieldChanges/0/fieldPath")
                .asText())
        .isEqualTo("disabled");
  }
}
