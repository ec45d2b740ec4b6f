package io.tributary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.LocalApi;
import io.tributary.web.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A connection's secrets never come back: not through a template that puts one in a URL the target
 * echoes into its error, nor by moving the connection to another host while keeping "******".
 */
class SecretLeaksTest extends EngineTestBase {
  private static final String PASSWORD = "pw-9f8e7d6c";

  @Override
  boolean postgres() {
    return false;
  }

  private String connection(String baseUri) {
    return api.post(
            "/v1/connections",
            Json.parse(
                """
        {"type":"http","name":"c","http":{"baseURI":"%s","auth":{"type":"basic","basic":{"username":"ada","password":"%s"}}}}"""
                    .formatted(baseUri, PASSWORD)))
        .json()
        .get("_id")
        .asText();
  }

  @Test
  void aSecretTemplatedIntoAUrlNeverReachesJobsErrorsOrTheLog() {
    // The target echoes the path it did not find, as many APIs do.
    remote.on(
        "GET",
        "/",
        req -> LocalApi.Response.json(404, "{\"message\":\"no route " + req.path() + "\"}"));
    remote.on(
        "POST",
        "/",
        req -> LocalApi.Response.json(422, "{\"message\":\"cannot post to " + req.path() + "\"}"));
    remote.on(
        "GET", "/customers", req -> LocalApi.Response.ok("{\"items\":[{\"id\":1},{\"id\":2}]}"));
    String c = connection(remote.baseUrl());
    String source =
        api.post(
                "/v1/exports",
                Json.parse(
                    """
        {"name":"s","_connectionId":"%s","http":{"method":"GET","relativeURI":"/customers","response":{"resourcePath":"items"}}}"""
                        .formatted(c)))
            .json()
            .get("_id")
            .asText();
    String leakySource =
        api.post(
                "/v1/exports",
                Json.parse(
                    """
        {"name":"s2","_connectionId":"%s","http":{"method":"GET","relativeURI":"/x/{{connection.http.auth.basic.password}}"}}"""
                        .formatted(c)))
            .json()
            .get("_id")
            .asText();
    String sink =
        api.post(
                "/v1/imports",
                Json.parse(
                    """
        {"name":"i","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/y/{{{connection.http.auth.basic.password}}}"]}}"""
                        .formatted(c)))
            .json()
            .get("_id")
            .asText();
    String importFlow =
        api.post(
                "/v1/flows",
                Json.parse(
                    """
        {"name":"f1","pageGenerators":[{"_exportId":"%s"}],"pageProcessors":[{"type":"import","_importId":"%s"}]}"""
                        .formatted(source, sink)))
            .json()
            .get("_id")
            .asText();
    String exportFlow =
        api.post(
                "/v1/flows",
                Json.parse(
                    """
        {"name":"f2","pageGenerators":[{"_exportId":"%s"}]}"""
                        .formatted(leakySource)))
            .json()
            .get("_id")
            .asText();

    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    JsonNode importJob;
    JsonNode exportJob;
    try {
      importJob = runAndWait(importFlow, null);
      exportJob = runAndWait(exportFlow, null);
    } finally {
      System.setErr(err);
    }
    assertThat(remote.requests())
        .anySatisfy(r -> assertThat(r.path()).contains(PASSWORD)); // the template did render it
    assertThat(importJob.get("numError").asInt()).as(importJob.toString()).isEqualTo(2);
    assertThat(exportJob.get("status").asText()).isEqualTo("failed");
    assertThat(exportJob.toString()).contains("******");
    for (ApiClient.Response r :
        new ApiClient.Response[] {
          api.get("/v1/jobs/" + importJob.get("_id").asText()),
          api.get("/v1/jobs/" + exportJob.get("_id").asText()),
          api.get("/v1/flows/" + importFlow + "/errors"),
          api.get("/v1/flows/" + importFlow + "/" + sink + "/errors"),
          api.get("/v1/flows/" + exportFlow + "/" + leakySource + "/errors"),
          api.get("/v1/audit"),
          api.get("/v1/jobs?_flowId=" + exportFlow)
        }) {
      assertThat(r.body()).doesNotContain(PASSWORD);
    }
    assertThat(importJob.toString() + exportJob).doesNotContain(PASSWORD);
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("/x/******")
        .doesNotContain(PASSWORD); // the failure was logged, redacted
  }

  @Test
  void aPingFailureDoesNotShowTheSecret() {
    remote.on(
        "GET",
        "/",
        req -> LocalApi.Response.json(404, "{\"message\":\"no route " + req.path() + "\"}"));
    String c = connection(remote.baseUrl());
    ObjectNode ping = Json.object();
    ping.putObject("ping").put("relativeURI", "/p/{{connection.http.auth.basic.password}}");
    ObjectNode doc = (ObjectNode) api.get("/v1/connections/" + c).json();
    ((ObjectNode) doc.get("http")).set("ping", ping.get("ping"));
    assertThat(api.put("/v1/connections/" + c, doc).status()).isEqualTo(200);
    ApiClient.Response r = api.get("/v1/connections/" + c + "/ping");
    assertThat(remote.requests()).anySatisfy(q -> assertThat(q.path()).contains(PASSWORD));
    assertThat(r.body()).contains("no route").doesNotContain(PASSWORD);
  }

  @Test
  void movingAConnectionToAnotherHostNeedsItsSecretsAgain() {
    String c = connection(remote.baseUrl() + "/v1");
    ObjectNode doc = (ObjectNode) api.get("/v1/connections/" + c).json();
    assertThat(doc.at("/http/auth/basic/password").asText()).isEqualTo("******");

    ((ObjectNode) doc.get("http")).put("baseURI", "http://127.0.0.2:9/v1");
    ApiClient.Response moved = api.put("/v1/connections/" + c, doc);
    assertThat(moved.status()).as(moved.body()).isEqualTo(422);
    assertThat(moved.errorCode()).isEqualTo("secrets_required");
    assertThat(moved.errorFields()).contains("http.auth.basic.password");
    assertThat(api.get("/v1/connections/" + c).json().at("/http/baseURI").asText())
        .isEqualTo(remote.baseUrl() + "/v1");

    ((ObjectNode) doc.get("http"))
        .put("baseURI", remote.baseUrl() + "/v2"); // same origin, another path: fine
    assertThat(api.put("/v1/connections/" + c, doc).status()).isEqualTo(200);

    ((ObjectNode) doc.get("http")).put("baseURI", "http://127.0.0.2:9/v1");
    ((ObjectNode) doc.at("/http/auth/basic")).put("password", "another");
    assertThat(api.put("/v1/connections/" + c, doc).status()).isEqualTo(200);
  }

  @Test
  void movingAnRdbmsConnectionToAnotherHostNeedsItsPasswordAgain() {
    String c =
        api.post(
                "/v1/connections",
                Json.parse(
                    """
        {"type":"rdbms","name":"db","rdbms":{"type":"postgresql","host":"127.0.0.1","port":5432,"database":"a","user":"u","password":"%s"}}"""
                        .formatted(PASSWORD)))
            .json()
            .get("_id")
            .asText();
    ObjectNode doc = (ObjectNode) api.get("/v1/connections/" + c).json();
    ((ObjectNode) doc.get("rdbms")).put("database", "b");
    assertThat(api.put("/v1/connections/" + c, doc).status()).isEqualTo(200);
    ((ObjectNode) doc.get("rdbms")).put("host", "db.example");
    assertThat(api.put("/v1/connections/" + c, doc).status()).isEqualTo(422);
    ((ObjectNode) doc.get("rdbms")).put("host", "127.0.0.1").put("port", 5433);
    assertThat(api.put("/v1/connections/" + c, doc).status()).isEqualTo(422);
  }
}
