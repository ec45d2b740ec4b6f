package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 3: page and batch sizes are bounded when an export or import is saved (422 naming
 * the field).
 */
class SizeLimitsTest {
  private static TestServer server;
  private static ApiClient api;
  private static String http;
  private static String rdbms;

  @BeforeAll
  static void start() {
    server = TestServer.start(false);
    api = server.client();
    http =
        id(
            api.post(
                "/v1/connections",
                Json.parse(
                    "{\"type\":\"http\",\"name\":\"h\",\"http\":{\"baseURI\":\"http://127.0.0.1:9\"}}")));
    rdbms =
        id(
            api.post(
                "/v1/connections",
                Json.parse(
                    "{\"type\":\"rdbms\",\"name\":\"db\",\"rdbms\":{\"type\":\"postgresql\","
                        + "\"host\":\"127.0.0.1\",\"port\":5432,\"database\":\"test\",\"user\":\"postgres\",\"password\":\"\"}}")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String id(ApiClient.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("_id").asText();
  }

  private static void refused(String kind, String json, String field) {
    ApiClient.Response r = api.post("/v1/" + kind, Json.parse(json));
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.errorFields()).containsExactly(field);
  }

  @Test
  void exportPageSizesAreBounded() {
    String rdbmsExport =
        "{\"name\":\"e\",\"_connectionId\":\""
            + rdbms
            + "\",\"rdbms\":{\"query\":\"select 1\"},\"pageSize\":%s}";
    refused("exports", rdbmsExport.formatted("2000000000"), "pageSize");
    refused("exports", rdbmsExport.formatted("10001"), "pageSize");
    refused("exports", rdbmsExport.formatted("0"), "pageSize");
    refused("exports", rdbmsExport.formatted("2.5"), "pageSize");
    refused(
        "exports",
        "{\"name\":\"e\",\"_connectionId\":\""
            + http
            + "\",\"http\":{\"relativeURI\":\"/x\",\"method\":\"GET\"},\"pageSize\":1e9}",
        "pageSize");
    id(api.post("/v1/exports", Json.parse(rdbmsExport.formatted("10000"))));
  }

  @Test
  void importBatchSizesAreBounded() {
    refused(
        "imports",
        "{\"name\":\"i\",\"_connectionId\":\""
            + http
            + "\",\"http\":{\"relativeURI\":[\"/x\"],\"method\":[\"POST\"],"
            + "\"batchSize\":2000000000}}",
        "http.batchSize");
    refused(
        "imports",
        "{\"name\":\"i\",\"_connectionId\":\""
            + rdbms
            + "\",\"rdbms\":{\"queryType\":[\"bulk_insert\"],"
            + "\"bulkInsert\":{\"tableName\":\"t\",\"batchSize\":2000000000}}}",
        "rdbms.bulkInsert.batchSize");
    refused(
        "imports",
        "{\"name\":\"i\",\"_connectionId\":\""
            + rdbms
            + "\",\"rdbms\":{\"queryType\":[\"bulk_load\"],"
            + "\"bulkLoad\":{\"tableName\":\"t\",\"primaryKeys\":[\"id\"],\"batchSize\":-1}}}",
        "rdbms.bulkLoad.batchSize");
    id(
        api.post(
            "/v1/imports",
            Json.parse(
                "{\"name\":\"i\",\"_connectionId\":\""
                    + http
                    + "\",\"http\":{\"relativeURI\":[\"/x\"],"
                    + "\"method\":[\"POST\"],\"batchSize\":1000}}")));
  }
}
