package io.tributary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import org.junit.jupiter.api.Test;

/** {@code GET /health} says whether the store answers: probes take a node without one away. */
class HealthTest {
  @Test
  void healthReportsTheStoreAndFailsWithoutIt() {
    try (TestServer server = TestServer.start(false)) {
      ApiClient anonymous = server.client().withToken(null);
      ApiClient.Response up = anonymous.get("/health");
      assertThat(up.status()).isEqualTo(200);
      assertThat(up.json())
          .isEqualTo(
              io.tributary.web.Json.read(
                  "{\"status\":\"ok\",\"store\":{\"type\":\"h2\",\"status\":\"ok\"}}"));

      server.app().database().close(); // the store goes away under a running server
      ApiClient.Response down = anonymous.get("/health");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().path("status").asText()).isEqualTo("unavailable");
      assertThat(down.json().path("store").path("status").asText()).isEqualTo("unavailable");
      assertThat(down.body()).doesNotContain("jdbc").doesNotContain(server.dataDir().toString());
    }
  }
}
