package io.tributary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.web.Json;

/** Creates the resources most tests need, over the API, and answers their ids. */
public final class Fixtures {
  private final ApiClient api;

  public Fixtures(ApiClient api) {
    this.api = api;
  }

  public String create(String type, String json) {
    ApiClient.Response r = api.post("/v1/" + type, Json.parse(json));
    assertThat(r.status()).as("create %s: %s", type, r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  public String httpConnection(String name) {
    return create(
        "connections",
        """
        {"type":"http","name":"%s","http":{"baseURI":"http://127.0.0.1:9","mediaType":"json",
         "auth":{"type":"basic","basic":{"username":"u","password":"s3cret"}}}}"""
            .formatted(name));
  }

  public String integration(String name) {
    return create("integrations", "{\"name\":\"" + name + "\"}");
  }

  public String httpExport(String connectionId, String name, boolean lookup) {
    return create(
        "exports",
        """
        {"name":"%s","_connectionId":"%s","isLookup":%s,"http":{"method":"GET","relativeURI":"/items"}}"""
            .formatted(name, connectionId, lookup));
  }

  public String httpImport(String connectionId, String name) {
    return create(
        "imports",
        """
        {"name":"%s","_connectionId":"%s","http":{"method":["POST"],"relativeURI":["/sink"]}}"""
            .formatted(name, connectionId));
  }

  public String flow(String integrationId, String exportId, String importId) {
    return create(
        "flows",
        """
        {"name":"flow","_integrationId":"%s","pageGenerators":[{"_exportId":"%s"}],
         "pageProcessors":[{"type":"import","_importId":"%s"}]}"""
            .formatted(integrationId, exportId, importId));
  }

  public JsonNode get(String type, String id) {
    ApiClient.Response r = api.get("/v1/" + type + "/" + id);
    assertThat(r.status()).as("get %s/%s: %s", type, id, r.body()).isEqualTo(200);
    return r.json();
  }
}
