package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.App;
import io.tributary.Settings;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No token can lock everyone out, and TRIBUTARY_API_TOKEN always opens the door again. */
class TokenLockoutTest {
  private static final String REVOKE = "{\"revoked\":true}";

  private static Settings settings(Path dir, String apiToken) {
    return new Settings(
        0, "127.0.0.1", dir, null, null, null, null, apiToken, "lockout key", 1000, 300);
  }

  private static ApiClient client(App app, String token) {
    return new ApiClient("http://127.0.0.1:" + app.port(), token);
  }

  @Test
  void theLastFullAccessTokenCannotBeRevoked(@TempDir Path dir) {
    try (App app = App.start(settings(dir, null), Clock.systemUTC())) {
      ApiClient admin = client(app, app.generatedAdminToken());
      String adminId = admin.get("/v1/accesstokens").json().get(0).get("_id").asText();
      var created = admin.post("/v1/accesstokens", Json.parse("{\"name\":\"bot\"}")).json();
      ApiClient bot = client(app, created.get("token").asText());
      String botId = created.get("_id").asText();

      assertThat(bot.put("/v1/accesstokens/" + adminId, Json.parse(REVOKE)).status())
          .isEqualTo(200); // another full-access token remains
      String integration =
          bot.post("/v1/integrations", Json.parse("{\"name\":\"i\"}")).json().get("_id").asText();
      // Revoking, narrowing to one integration or setting an expiry would each leave no way in.
      for (String change :
          new String[] {
            REVOKE,
            "{\"_integrationIds\":[\"" + integration + "\"]}",
            "{\"autoPurgeAt\":\"2999-01-01T00:00:00Z\"}"
          }) {
        ApiClient.Response last = bot.put("/v1/accesstokens/" + botId, Json.parse(change));
        assertThat(last.status()).as(change + " " + last.body()).isEqualTo(409);
        assertThat(last.errorCode()).isEqualTo("last_full_access_token");
      }
      assertThat(bot.get("/v1/tokenInfo").status()).isEqualTo(200);
      assertThat(bot.get("/v1/accesstokens/" + botId).json().get("revoked").asBoolean()).isFalse();
    }
  }

  @Test
  void theConfiguredTokenCannotBeRevokedWhileItIsConfigured() {
    try (TestServer s = TestServer.start(false)) {
      ApiClient admin = s.client();
      String adminId = admin.get("/v1/accesstokens").json().get(0).get("_id").asText();
      ApiClient bot =
          admin.withToken(
              admin.post("/v1/accesstokens", Json.parse("{}")).json().get("token").asText());
      ApiClient.Response r = bot.put("/v1/accesstokens/" + adminId, Json.parse(REVOKE));
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.errorCode()).isEqualTo("configured_token");
      assertThat(bot.post("/v1/accesstokens/" + adminId + "/generate", Json.object()).errorCode())
          .isEqualTo("configured_token");
      assertThat(admin.get("/v1/tokenInfo").status()).isEqualTo(200);
    }
  }

  @Test
  void restartingWithTheConfiguredTokenRestoresAccess(@TempDir Path dir) throws Exception {
    try (App app = App.start(settings(dir, null), Clock.systemUTC())) {
      assertThat(app.generatedAdminToken()).isNotNull();
    }
    // A store whose admin token is lost: the operator sets TRIBUTARY_API_TOKEN and restarts.
    try (App app = App.start(settings(dir, "rescue-token-0123456789"), Clock.systemUTC())) {
      ApiClient rescue = client(app, "rescue-token-0123456789");
      assertThat(rescue.get("/v1/tokenInfo").status()).isEqualTo(200);
      assertThat(rescue.get("/v1/tokenInfo").json().get("scope").asText()).isEqualTo("*");
    }
    // Revoked and expired behind the server's back (an older version, a hand-edited store):
    // re-activated at start.
    try (Connection c =
            DriverManager.getConnection(
                io.tributary.store.Database.embeddedUrl(dir)
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("update access_tokens set revoked_at = 1, expires_at = 2"))
          .isEqualTo(2);
    }
    try (App app = App.start(settings(dir, "rescue-token-0123456789"), Clock.systemUTC())) {
      assertThat(client(app, "rescue-token-0123456789").get("/v1/tokenInfo").status())
          .isEqualTo(200);
      assertThat(
              client(app, "rescue-token-0123456789")
                  .get("/v1/accesstokens")
                  .json()
                  .findValues("revoked"))
          .extracting(n -> n.asBoolean())
          .containsExactlyInAnyOrder(true, false);
    }
  }
}
