package io.tributary.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.TestServer;
import io.tributary.web.Json;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * D29: invite, set a password through the one-time link, sign in, use the API with the cookie, sign
 * out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PeopleContract {
  abstract boolean postgres();

  private TestServer server;
  private ApiClient admin;

  @BeforeAll
  void start() {
    server = TestServer.start(postgres());
    admin = server.client();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Browser browser() {
    return new Browser(admin.base());
  }

  @Test
  void inviteSetPasswordSignInUseTheApiAndSignOut() {
    ApiClient.Response invited =
        admin.post(
            "/v1/invite",
            Json.parse(
                "{\"email\":\"Ada@Example.com\",\"name\":\"Ada\",\"accessLevel\":\"manage\"}"));
    assertThat(invited.status()).isEqualTo(201);
    JsonNode inv = invited.json();
    assertThat(inv.get("accessLevel").asText()).isEqualTo("manage");
    assertThat(inv.get("accepted").asBoolean()).isFalse();
    assertThat(inv.at("/sharedWithUser/email").asText()).isEqualTo("ada@example.com");
    String token = inv.get("setPasswordToken").asText();
    assertThat(inv.get("setPasswordURL").asText())
        .isEqualTo(admin.base() + "/set-password#token=" + token);
    assertThat(admin.get("/v1/ashares").json().findValuesAsText("_id"))
        .contains(inv.get("_id").asText());

    Browser b = browser();
    ApiClient.Response page = b.get("/set-password");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Set your password");
    assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");

    // A refused password leaves the link usable; the link works once.
    ApiClient.Response weak =
        b.send("POST", "/auth/password", Map.of("token", token, "password", "short"), Map.of());
    assertThat(weak.status()).isEqualTo(422);
    assertThat(
            b.send(
                    "POST",
                    "/auth/password",
                    Map.of("token", token, "password", People.PASSWORD),
                    Map.of())
                .status())
        .isEqualTo(204);
    ApiClient.Response again =
        b.send(
            "POST",
            "/auth/password",
            Map.of("token", token, "password", "another password!"),
            Map.of());
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errorCode()).isEqualTo("invalid_link");
    String stored =
        server
            .app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "select password_hash from people where email = 'ada@example.com'")
                        .mapTo(String.class)
                        .one());
    assertThat(stored)
        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
        .doesNotContain(People.PASSWORD);
    long plainLinks =
        server
            .app()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("select count(*) from password_links where token_hash = :t")
                        .bind("t", token)
                        .mapTo(Long.class)
                        .one());
    assertThat(plainLinks).isZero();

    assertThat(
            b.send(
                    "POST",
                    "/auth/signin",
                    Map.of("email", "ada@example.com", "password", "wrong password"),
                    Map.of())
                .status())
        .isEqualTo(401);
    assertThat(b.cookie()).isNull();
    ApiClient.Response signIn =
        b.send(
            "POST",
            "/auth/signin",
            Map.of("email", "ADA@example.com", "password", People.PASSWORD),
            Map.of());
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(b.lastSetCookie)
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/")
        .doesNotContain("Secure");
    String csrf = signIn.json().get("csrfToken").asText();
    assertThat(b.get("/auth/session").json().get("csrfToken").asText()).isEqualTo(csrf);

    assertThat(b.get("/v1/integrations").status()).isEqualTo(200);
    assertThat(b.get("/v1/tokenInfo").json().get("accessLevel").asText()).isEqualTo("manage");

    int before =
        admin.get("/v1/integrations").json() == null
            ? 0
            : admin.get("/v1/integrations").json().size();
    JsonNode body = Json.parse("{\"name\":\"made by Ada\"}");
    ApiClient.Response noCsrf = b.send("POST", "/v1/integrations", body, Map.of());
    assertThat(noCsrf.status()).isEqualTo(403);
    assertThat(noCsrf.errorCode()).isEqualTo("csrf_failed");
    ApiClient.Response wrongCsrf =
        b.send("POST", "/v1/integrations", body, Map.of(SessionCookie.CSRF_HEADER, csrf + "x"));
    assertThat(wrongCsrf.status()).isEqualTo(403);
    ApiClient.Response otherSite =
        b.send(
            "POST",
            "/v1/integrations",
            body,
            Map.of(SessionCookie.CSRF_HEADER, csrf, "Origin", "https://evil.example"));
    assertThat(otherSite.status()).isEqualTo(403);
    assertThat(integrations()).isEqualTo(before);
    ApiClient.Response made =
        b.send(
            "POST",
            "/v1/integrations",
            body,
            Map.of(SessionCookie.CSRF_HEADER, csrf, "Origin", admin.base()));
    assertThat(made.status()).isEqualTo(201);
    assertThat(integrations()).isEqualTo(before + 1);
    JsonNode audit =
        admin.get("/v1/integrations/" + made.json().get("_id").asText() + "/audit").json();
    assertThat(audit.get(0).get("source").asText()).isEqualTo("ui");
    assertThat(audit.get(0).toString()).contains(inv.at("/sharedWithUser/_id").asText());

    // A manager is not an administrator: people and tokens stay out of reach.
    assertThat(b.get("/v1/ashares").status()).isEqualTo(403);
    assertThat(b.get("/v1/accesstokens").status()).isEqualTo(403);

    JsonNode share = admin.get("/v1/ashares/" + inv.get("_id").asText()).json();
    assertThat(share.get("accepted").asBoolean()).isTrue();
    assertThat(share.at("/sharedWithUser/lastSignIn").isTextual()).isTrue();

    String oldCookie = b.cookie();
    assertThat(b.send("POST", "/auth/signout", null, Map.of()).status()).isEqualTo(403);
    assertThat(b.write("POST", "/auth/signout", null, csrf).status()).isEqualTo(204);
    assertThat(b.lastSetCookie).contains("Max-Age=0");
    b.cookie(oldCookie); // a copy of the cookie kept after sign-out
    ApiClient.Response after = b.get("/v1/integrations");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("message").asText()).contains("sign in");
    assertThat(b.get("/auth/session").status()).isEqualTo(401);
  }

  @Test
  void behindATrustedTlsProxyTheCookieIsSecure() {
    // Only a proxy listed in TRIBUTARY_TRUSTED_PROXIES may say the client came over TLS.
    Browser untrusted = browser();
    People.setPassword(
        untrusted, People.invite(admin, "tls@example.com", "\"accessLevel\":\"monitor\""));
    assertThat(
            untrusted
                .send(
                    "POST",
                    "/auth/signin",
                    Map.of("email", "tls@example.com", "password", People.PASSWORD),
                    Map.of("X-Forwarded-Proto", "https"))
                .status())
        .isEqualTo(200);
    assertThat(untrusted.lastSetCookie).doesNotContain("Secure");
    try (TestServer proxied = TestServer.startWith(s -> s.withTrustedProxies("127.0.0.1/32"))) {
      ApiClient proxiedAdmin = proxied.client();
      Browser b = new Browser(proxiedAdmin.base());
      People.setPassword(
          b, People.invite(proxiedAdmin, "tls@example.com", "\"accessLevel\":\"manage\""));
      ApiClient.Response r =
          b.send(
              "POST",
              "/auth/signin",
              Map.of("email", "tls@example.com", "password", People.PASSWORD),
              Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "ipaas.example.com"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(b.lastSetCookie).contains("; Secure").contains("HttpOnly");
      String csrf = r.json().get("csrfToken").asText();
      // The page was served from the proxy's origin: a write from it passes the Origin check.
      ApiClient.Response made =
          b.send(
              "POST",
              "/v1/integrations",
              Json.parse("{\"name\":\"through the proxy\"}"),
              Map.of(
                  SessionCookie.CSRF_HEADER,
                  csrf,
                  "Origin",
                  "https://ipaas.example.com",
                  "X-Forwarded-Proto",
                  "https",
                  "X-Forwarded-Host",
                  "ipaas.example.com"));
      assertThat(made.status()).as(made.body()).isEqualTo(201);
    }
  }

  @Test
  void theOriginMayBeTheHostTheBrowserAddressed() {
    Browser b = browser();
    String csrf = People.signedIn(admin, b, "host@example.com", "\"accessLevel\":\"manage\"");
    String port = admin.base().substring(admin.base().lastIndexOf(':') + 1);
    String viaName = "http://localhost:" + port;
    // Addressed as 127.0.0.1, a page on localhost is another origin.
    assertThat(
            b.send(
                    "POST",
                    "/v1/integrations",
                    Json.parse("{\"name\":\"cross\"}"),
                    Map.of(SessionCookie.CSRF_HEADER, csrf, "Origin", viaName))
                .status())
        .isEqualTo(403);
    // A browser on http://localhost:port sends that Origin and Host localhost:port: the same
    // origin.
    Browser local = new Browser(viaName);
    local.cookie(b.cookie());
    assertThat(
            local
                .send(
                    "POST",
                    "/v1/integrations",
                    Json.parse("{\"name\":\"via localhost\"}"),
                    Map.of(SessionCookie.CSRF_HEADER, csrf, "Origin", viaName))
                .status())
        .isEqualTo(201);
  }

  @Test
  void badInvitationsAreRefusedAndChangeNothing() {
    int people = countPeople();
    assertThat(admin.post("/v1/invite", Json.parse("{\"accessLevel\":\"manage\"}")).errorFields())
        .containsExactly("email");
    assertThat(
            admin
                .post(
                    "/v1/invite",
                    Json.parse("{\"email\":\"not-an-email\",\"accessLevel\":\"manage\"}"))
                .status())
        .isEqualTo(422);
    assertThat(admin.post("/v1/invite", Json.parse("{\"email\":\"x@example.com\"}")).errorFields())
        .containsExactly("accessLevel");
    assertThat(
            admin
                .post(
                    "/v1/invite",
                    Json.parse("{\"email\":\"x@example.com\",\"accessLevel\":\"owner\"}"))
                .status())
        .isEqualTo(422);
    ApiClient.Response unknown =
        admin.post(
            "/v1/invite",
            Json.parse(
                "{\"email\":\"x@example.com\",\"integrationAccessLevel\":[{\"_integrationId\":\"0123456789abcdef01234567\",\"accessLevel\":\"manage\"}]}"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.errorCode()).isEqualTo("invalid_ref");
    assertThat(countPeople()).isEqualTo(people);
    People.invite(admin, "twice@example.com", "\"accessLevel\":\"monitor\"");
    ApiClient.Response twice =
        admin.post(
            "/v1/invite",
            Json.parse("{\"email\":\"TWICE@example.com\",\"accessLevel\":\"manage\"}"));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(countPeople()).isEqualTo(people + 1);
  }

  @Test
  void changingOrDisablingAShareTakesEffectOnTheNextRequest() {
    Browser b = browser();
    String csrf =
        People.signedIn(admin, b, "changes@example.com", "\"accessLevel\":\"administrator\"");
    String id = b.get("/auth/session").json().at("/ashare/_id").asText();
    assertThat(b.get("/v1/ashares").status()).isEqualTo(200);
    ApiClient.Response put =
        admin.put("/v1/ashares/" + id, Json.parse("{\"accessLevel\":\"monitor\"}"));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("accessLevel").asText()).isEqualTo("monitor");
    assertThat(b.get("/v1/ashares").status()).isEqualTo(403);
    assertThat(b.write("POST", "/v1/integrations", Json.parse("{\"name\":\"no\"}"), csrf).status())
        .isEqualTo(403);
    assertThat(
            admin
                .put(
                    "/v1/ashares/" + id,
                    Json.parse("{\"accessLevel\":\"monitor\",\"disabled\":true}"))
                .status())
        .isEqualTo(200);
    assertThat(b.get("/v1/integrations").status()).isEqualTo(401);
    assertThat(
            b.send(
                    "POST",
                    "/auth/signin",
                    Map.of("email", "changes@example.com", "password", People.PASSWORD),
                    Map.of())
                .status())
        .isEqualTo(401);
    assertThat(admin.put("/v1/ashares/" + id, Json.parse("{\"accessLevel\":\"boss\"}")).status())
        .isEqualTo(422);
    assertThat(admin.delete("/v1/ashares/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/v1/ashares/" + id).status()).isEqualTo(404);
  }

  @Test
  void aNewLinkReplacesTheOldOneAndEndsSessions() {
    Browser first = browser();
    JsonNode inv = People.invite(admin, "relink@example.com", "\"accessLevel\":\"monitor\"");
    People.setPassword(first, inv);
    People.signIn(first, "relink@example.com");
    ApiClient.Response again =
        admin.post("/v1/ashares/" + inv.get("_id").asText() + "/passwordLink", null);
    assertThat(again.status()).isEqualTo(201);
    Browser b = browser();
    assertThat(
            b.send(
                    "POST",
                    "/auth/password",
                    Map.of(
                        "token", inv.get("setPasswordToken").asText(), "password", People.PASSWORD),
                    Map.of())
                .status())
        .isEqualTo(400);
    assertThat(first.get("/v1/integrations").status())
        .isEqualTo(200); // a new link alone changes nothing
    People.setPassword(b, again.json());
    assertThat(first.get("/v1/integrations").status()).isEqualTo(401);
    People.signIn(b, "relink@example.com");
    assertThat(b.get("/v1/integrations").status()).isEqualTo(200);
  }

  private int countPeople() {
    JsonNode list = admin.get("/v1/ashares").json();
    return list == null ? 0 : list.size();
  }

  private int integrations() {
    JsonNode list = admin.get("/v1/integrations").json();
    return list == null ? 0 : list.size();
  }
}
