package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.App;
import io.tributary.Settings;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens, their lifecycle, the rate limit, and first-start bootstrap. */
class TokensTest {

  @Test
  void callsWithoutAValidTokenAre401() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient anonymous = s.client().withToken(null);
      ApiClient.Response r = anonymous.get("/v1/flows");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("unauthorized");
      assertThat(s.client().withToken("wrong").get("/v1/exports").status()).isEqualTo(401);
      assertThat(anonymous.get("/health").status()).isEqualTo(200);
      JsonNode info = s.client().get("/v1/tokenInfo").json();
      assertThat(info.get("scope").asText()).isEqualTo("*");
      assertThat(info.get("_userId").asText()).matches("[0-9a-f]{24}");
    }
  }

  @Test
  void tokensAreShownOnceWorkAndStopWorkingWhenRevoked() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient admin = s.client();
      ApiClient.Response created =
          admin.post("/v1/accesstokens", Json.parse("{\"name\":\"ci bot\"}"));
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().get("_id").asText();
      String text = created.json().get("token").asText();
      assertThat(text).hasSizeGreaterThan(30).isNotEqualTo("******");
      assertThat(admin.get("/v1/accesstokens/" + id).json().get("token").asText())
          .isEqualTo("******");
      assertThat(admin.get("/v1/accesstokens").toString()).doesNotContain(text);

      ApiClient bot = admin.withToken(text);
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(200);
      String integration =
          bot.post("/v1/integrations", Json.parse("{\"name\":\"by bot\"}"))
              .json()
              .get("_id")
              .asText();
      assertThat(
              admin
                  .get("/v1/integrations/" + integration + "/audit")
                  .json()
                  .get(0)
                  .at("/byUser/name")
                  .asText())
          .isEqualTo("ci bot");

      assertThat(admin.delete("/v1/accesstokens/" + id).status())
          .as("only a revoked token is deleted")
          .isEqualTo(422);
      assertThat(
              admin
                  .put(
                      "/v1/accesstokens/" + id,
                      Json.parse("{\"name\":\"ci bot\",\"revoked\":true}"))
                  .status())
          .isEqualTo(200);
      ApiClient.Response refused = bot.get("/v1/tokenInfo");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().get("message").asText()).isNotBlank();
      assertThat(admin.get("/v1/accesstokens/" + id).json().get("revoked").asBoolean()).isTrue();
      assertThat(admin.get("/v1/accesstokens/" + id + "/audit").json()).hasSize(2);
      assertThat(admin.delete("/v1/accesstokens/" + id).status()).isEqualTo(204);
      assertThat(admin.get("/v1/accesstokens/" + id).status()).isEqualTo(404);
      assertThat(admin.delete("/v1/accesstokens/0123456789abcdef01234567").status()).isEqualTo(404);
    }
  }

  @Test
  void tokenRequestsAreValidated() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient admin = s.client();
      assertThat(admin.post("/v1/accesstokens", Json.parse("{\"scope\":\"flows:read\"}")).status())
          .isEqualTo(422);
      assertThat(
              admin
                  .post("/v1/accesstokens", Json.parse("{\"expiresAt\":\"2001-01-01T00:00:00Z\"}"))
                  .status())
          .isEqualTo(422);
      assertThat(admin.post("/v1/accesstokens", Json.parse("{\"expiresAt\":\"soon\"}")).status())
          .isEqualTo(422);
      assertThat(admin.post("/v1/accesstokens", Json.parse("{\"name\":7}")).status())
          .isEqualTo(422);
      ApiClient.Response expiring =
          admin.post("/v1/accesstokens", Json.parse("{\"autoPurgeAt\":\"2999-01-01T00:00:00Z\"}"));
      assertThat(expiring.json().get("autoPurgeAt").asText()).isEqualTo("2999-01-01T00:00:00.000Z");
    }
  }

  @Test
  void eachTokenHasALeakyBucketAnswering429WithRetryAfter() {
    try (TestServer s = TestServer.start(false, 3, 0.5)) {
      ApiClient admin = s.client();
      String other = admin.post("/v1/accesstokens", Json.parse("{}")).json().get("token").asText();
      // The create above took one of the admin token's three.
      assertThat(admin.get("/v1/exports").status()).isEqualTo(200);
      assertThat(admin.get("/v1/exports").status()).isEqualTo(200);
      ApiClient.Response limited = admin.get("/v1/exports");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.errorCode()).isEqualTo("rate_limited");
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);
      assertThat(admin.withToken(other).get("/v1/exports").status()).isEqualTo(200);
    }
  }

  @Test
  void aFirstStartWithoutAConfiguredTokenGeneratesOneOnce(@TempDir Path dir) throws Exception {
    Settings settings =
        new Settings(0, "127.0.0.1", dir, null, null, null, null, null, null, 1000, 300);
    String generated;
    try (App app = App.start(settings, Clock.systemUTC())) {
      generated = app.generatedAdminToken();
      assertThat(generated).isNotNull();
      ApiClient c = new ApiClient("http://127.0.0.1:" + app.port(), generated);
      assertThat(c.get("/v1/tokenInfo").status()).isEqualTo(200);
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("master.key")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    try (App again = App.start(settings, Clock.systemUTC())) {
      assertThat(again.generatedAdminToken()).isNull();
      assertThat(
              new ApiClient("http://127.0.0.1:" + again.port(), generated)
                  .get("/v1/tokenInfo")
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void aWrongMasterKeyRefusesToStart(@TempDir Path dir) {
    Settings first =
        new Settings(0, "127.0.0.1", dir, null, null, null, null, "t", "key one", 1000, 300);
    try (App app = App.start(first, Clock.systemUTC())) {
      assertThat(app.port()).isPositive();
    }
    Settings wrong =
        new Settings(0, "127.0.0.1", dir, null, null, null, null, "t", "key two", 1000, 300);
    assertThatThrownBy(() -> App.start(wrong, Clock.systemUTC()))
        .hasMessageContaining("master key");
  }
}
