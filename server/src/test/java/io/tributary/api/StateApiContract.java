package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** D30 state API: account-wide and per-resource keys, as the original's state.md. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StateApiContract {
  abstract boolean postgres();

  private TestServer server;
  private ApiClient api;

  @BeforeAll
  void start() {
    server = TestServer.start(postgres());
    api = server.client();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void accountWideKeys() {
    assertThat(api.get("/v1/state").json().get("keys")).isEmpty();
    ApiClient.Response created =
        api.put("/v1/state/banana", Json.parse("{\"message\":\"Don't slip!\"}"));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body()).isEqualTo("Created");
    assertThat(
            api.put(
                    "/v1/state/banana",
                    Json.parse("{\"message\":\"Don't slip!\",\"reply\":\"i didn't!\"}"))
                .body())
        .isEqualTo("OK");
    assertThat(api.put("/v1/state/apple", 42).status()).isEqualTo(200);
    assertThat(api.get("/v1/state/banana").json())
        .isEqualTo(Json.parse("{\"message\":\"Don't slip!\",\"reply\":\"i didn't!\"}"));
    assertThat(api.get("/v1/state/apple").json().asInt()).isEqualTo(42);
    assertThat(api.get("/v1/state").json().get("keys").toString())
        .isEqualTo("[\"apple\",\"banana\"]");
    assertThat(api.get("/v1/state/cherry").status()).isEqualTo(404);
    assertThat(api.put("/v1/state/bad", "{not json").status()).isEqualTo(400);
    assertThat(api.get("/v1/state/bad").status()).isEqualTo(404);
    assertThat(api.delete("/v1/state/apple").status()).isEqualTo(204);
    assertThat(api.get("/v1/state/apple").status()).isEqualTo(404);
    assertThat(api.delete("/v1/state").status()).isEqualTo(204);
    assertThat(api.get("/v1/state").json().get("keys")).isEmpty();
  }

  @Test
  void valuesAreLimitedToOneMegabyte() {
    String big = "\"" + "x".repeat(1024 * 1024) + "\"";
    assertThat(api.put("/v1/state/big", big).status()).isEqualTo(413);
    assertThat(api.get("/v1/state/big").status()).isEqualTo(404);
  }

  @Test
  void resourceKeysAreSeparateAndGoWithTheResource() {
    Fixtures fx = new Fixtures(api);
    String conn = fx.httpConnection("state conn");
    String imp = fx.httpImport(conn, "state import");
    String base = "/v1/imports/" + imp + "/state";
    assertThat(api.put(base + "/sequenceNumber", Json.parse("{\"counter\":1}")).body())
        .isEqualTo("Created");
    assertThat(api.get(base + "/sequenceNumber").json().get("counter").asInt()).isEqualTo(1);
    assertThat(api.get(base).json().get("keys").toString()).isEqualTo("[\"sequenceNumber\"]");
    assertThat(api.get("/v1/state").json().get("keys").toString()).doesNotContain("sequenceNumber");
    assertThat(api.put("/v1/connections/" + conn + "/state/sequenceNumber", 7).status())
        .isEqualTo(200);
    // An id of another type, or of nothing, has no state.
    assertThat(api.get("/v1/exports/" + imp + "/state").status()).isEqualTo(404);
    assertThat(api.put("/v1/flows/0123456789abcdef01234567/state/x", 1).status()).isEqualTo(404);

    assertThat(api.delete("/v1/imports/" + imp).status()).isEqualTo(204);
    long left =
        server
            .app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from state_values where owner_id = :o")
                        .bind("o", imp)
                        .mapTo(Long.class)
                        .one());
    assertThat(left).isZero();
    assertThat(api.get("/v1/connections/" + conn + "/state/sequenceNumber").json().asInt())
        .isEqualTo(7);
    assertThat(api.delete("/v1/connections/" + conn + "/state/sequenceNumber").status())
        .isEqualTo(200);
    assertThat(api.get("/v1/connections/" + conn + "/state").json().get("keys")).isEmpty();
  }
}
