package io.tributary.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.MutableClock;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** D28: values, display, regenerate, expiry, revoke and reinstate, validation. */
class TokenLifecycleTest {

  @Test
  void valuesAre32HexAndCanBeDisplayedAndRegenerated() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient admin = s.client();
      ApiClient.Response created = admin.post("/v1/accesstokens", Json.parse("{\"name\":\"bot\"}"));
      String id = created.json().get("_id").asText();
      String value = created.json().get("token").asText();
      assertThat(value).matches("[0-9a-f]{32}");
      assertThat(created.json().get("fullAccess").asBoolean()).isTrue();
      assertThat(admin.get("/v1/accesstokens/" + id).json().get("token").asText())
          .isEqualTo("******");
      assertThat(admin.get("/v1/accesstokens/" + id + "/display").json().get("token").asText())
          .isEqualTo(value);

      String fresh =
          admin
              .post("/v1/accesstokens/" + id + "/generate", Json.object())
              .json()
              .get("token")
              .asText();
      assertThat(fresh).matches("[0-9a-f]{32}").isNotEqualTo(value);
      assertThat(admin.withToken(value).get("/v1/tokenInfo").status()).isEqualTo(401);
      assertThat(admin.withToken(fresh).get("/v1/tokenInfo").status()).isEqualTo(200);
      assertThat(admin.get("/v1/accesstokens/" + id + "/display").json().get("token").asText())
          .isEqualTo(fresh);
      String sealed =
          s.app()
              .database()
              .jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select token_sealed from access_tokens where id = :id")
                          .bind("id", id)
                          .mapTo(String.class)
                          .one());
      assertThat(sealed).doesNotContain(fresh);
    }
  }

  @Test
  void aTokenPastAutoPurgeAtOrRevokedGets401AndCanBeReinstated() {
    MutableClock clock = new MutableClock(Instant.now());
    try (TestServer s = TestServer.start(false, clock)) {
      ApiClient admin = s.client();
      String at = clock.instant().plus(Duration.ofHours(1)).toString();
      JsonNode created =
          admin.post("/v1/accesstokens", Json.parse("{\"autoPurgeAt\":\"" + at + "\"}")).json();
      ApiClient bot = admin.withToken(created.get("token").asText());
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(200);
      clock.advance(Duration.ofHours(2));
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(401);

      String id = created.get("_id").asText();
      String later = clock.instant().plus(Duration.ofHours(1)).toString();
      assertThat(
              admin
                  .put("/v1/accesstokens/" + id, Json.parse("{\"autoPurgeAt\":\"" + later + "\"}"))
                  .status())
          .isEqualTo(200);
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(200);
      admin.put("/v1/accesstokens/" + id, Json.parse("{\"revoked\":true}"));
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(401);
      admin.put("/v1/accesstokens/" + id, Json.parse("{\"revoked\":false}"));
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(200);
    }
  }

  @Test
  void putReScopesAndBadScopesChangeNothing() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient admin = s.client();
      TwoIntegrations two = TwoIntegrations.create(admin);
      JsonNode created =
          admin
              .post(
                  "/v1/accesstokens",
                  Json.parse("{\"_integrationIds\":[\"" + two.a().integration() + "\"]}"))
              .json();
      String id = created.get("_id").asText();
      ApiClient bot = admin.withToken(created.get("token").asText());
      assertThat(created.get("accessLevel").asText()).isEqualTo("manage");
      assertThat(bot.get("/v1/flows/" + two.b().flow()).status()).isEqualTo(403);

      ApiClient.Response both =
          admin.put(
              "/v1/accesstokens/" + id,
              Json.parse(
                  "{\"fullAccess\":true,\"_integrationIds\":[\"" + two.b().integration() + "\"]}"));
      assertThat(both.status()).isEqualTo(422);
      assertThat(
              admin
                  .put(
                      "/v1/accesstokens/" + id,
                      Json.parse("{\"_integrationIds\":[\"" + two.b().flow() + "\"]}"))
                  .errorCode())
          .isEqualTo("invalid_ref");
      assertThat(admin.put("/v1/accesstokens/" + id, Json.parse("{\"fullAccess\":false}")).status())
          .isEqualTo(422);
      assertThat(
              admin
                  .put(
                      "/v1/accesstokens/" + id,
                      Json.parse(
                          "{\"_integrationIds\":[\""
                              + two.a().integration()
                              + "\"],\"accessLevel\":\"owner\"}"))
                  .status())
          .isEqualTo(422);
      assertThat(bot.get("/v1/flows/" + two.b().flow()).status())
          .as("unchanged by the refused PUTs")
          .isEqualTo(403);

      assertThat(
              admin
                  .put(
                      "/v1/accesstokens/" + id,
                      Json.parse("{\"_integrationIds\":[\"" + two.b().integration() + "\"]}"))
                  .status())
          .isEqualTo(200);
      assertThat(bot.get("/v1/flows/" + two.b().flow()).status()).isEqualTo(200);
      assertThat(bot.get("/v1/flows/" + two.a().flow()).status()).isEqualTo(403);
      assertThat(bot.post("/v1/accesstokens", Json.object()).status())
          .as("only full access manages tokens")
          .isEqualTo(403);
    }
  }
}
