package io.tributary.adaptors.tiny;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The server learns what it knows of an adaptor from its descriptor alone: the tiny adaptor's
 * connection type, adaptor types and secret field work without the server naming them anywhere, and
 * the adaptor is opened at start and closed at shutdown.
 */
class TinyAdaptorTest {
  @Test
  void theServerLearnsTypesAndSecretsFromTheDescriptorAndRunsTheAdaptorsLifecycle() {
    int opened = TinyAdaptor.OPENED.get();
    int closed = TinyAdaptor.CLOSED.get();
    try (TestServer server = TestServer.start(false)) {
      assertThat(TinyAdaptor.OPENED.get()).as("opened at start").isEqualTo(opened + 1);
      assertThat(TinyAdaptor.CLOSED.get()).isEqualTo(closed);
      ApiClient api = server.client();

      ApiClient.Response c =
          api.post(
              "/v1/connections",
              "{\"type\":\"tiny\",\"name\":\"t\",\"tiny\":{\"passcode\":\"open-sesame\",\"concurrencyLevel\":3}}");
      assertThat(c.status()).as(c.body()).isEqualTo(201);
      String id = c.json().get("_id").asText();
      assertThat(c.json().at("/tiny/passcode").asText())
          .as("declared secret masked")
          .isEqualTo("******");
      assertThat(server.storedDocument(id))
          .as("declared secret sealed at rest")
          .doesNotContain("open-sesame");

      ApiClient.Response bad =
          api.post(
              "/v1/connections",
              "{\"type\":\"tiny\",\"name\":\"t\",\"tiny\":{\"concurrencyLevel\":0}}");
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.errorFields()).contains("tiny.concurrencyLevel");

      JsonNode export =
          api.post(
                  "/v1/exports",
                  "{\"name\":\"e\",\"_connectionId\":\"" + id + "\",\"tiny\":{\"generate\":1}}")
              .json();
      assertThat(export.path("adaptorType").asText())
          .as("derived from the declared block")
          .isEqualTo("TinyExport");
      JsonNode imp =
          api.post(
                  "/v1/imports",
                  "{\"name\":\"i\",\"_connectionId\":\"" + id + "\",\"tiny\":{\"sink\":\"x\"}}")
              .json();
      assertThat(imp.path("adaptorType").asText()).isEqualTo("TinyImport");
      ApiClient.Response wrong =
          api.post(
              "/v1/imports",
              "{\"name\":\"i\",\"adaptorType\":\"HTTPImport\",\"_connectionId\":\"" + id + "\"}");
      assertThat(wrong.status()).isEqualTo(422);
      assertThat(wrong.errorFields()).contains("_connectionId");
    }
    assertThat(TinyAdaptor.CLOSED.get()).as("closed at shutdown").isEqualTo(closed + 1);
  }
}
