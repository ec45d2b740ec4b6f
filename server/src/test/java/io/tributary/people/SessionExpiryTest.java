package io.tributary.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.testing.Fixtures;
import io.tributary.testing.MutableClock;
import io.tributary.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sessions end when idle and at their absolute limit; failed sign-ins are capped; scopes hold for
 * people.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionExpiryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
  private TestServer server;
  private ApiClient admin;

  @BeforeAll
  void start() {
    server = TestServer.start(false, clock);
    admin = server.client();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void anIdleSessionEnds() {
    Browser b = new Browser(admin.base());
    People.signedIn(admin, b, "idle@example.com", "\"accessLevel\":\"monitor\"");
    clock.advance(Sessions.IDLE.minusMinutes(1));
    assertThat(b.get("/v1/integrations").status()).isEqualTo(200); // a use keeps it alive
    clock.advance(Sessions.IDLE.minusMinutes(1));
    assertThat(b.get("/v1/integrations").status()).isEqualTo(200);
    clock.advance(Sessions.IDLE);
    assertThat(b.get("/v1/integrations").status()).isEqualTo(401);
  }

  @Test
  void aBusySessionEndsAtItsAbsoluteLimit() {
    Browser b = new Browser(admin.base());
    People.signedIn(admin, b, "busy@example.com", "\"accessLevel\":\"monitor\"");
    Duration step = Sessions.IDLE.dividedBy(2);
    long steps = Sessions.ABSOLUTE.dividedBy(step);
    for (long i = 1; i < steps; i++) {
      clock.advance(step);
      assertThat(b.get("/v1/integrations").status())
          .as("after %s", step.multipliedBy(i))
          .isEqualTo(200);
    }
    clock.advance(step);
    assertThat(b.get("/v1/integrations").status()).isEqualTo(401);
    assertThat(b.get("/auth/session").status()).isEqualTo(401);
  }

  @Test
  void failedSignInsAreCappedPerEmail() {
    Browser b = new Browser(admin.base());
    People.setPassword(
        b, People.invite(admin, "guessed@example.com", "\"accessLevel\":\"monitor\""));
    for (int i = 0; i < SignInThrottle.PER_EMAIL; i++) {
      assertThat(signIn(b, "guessed@example.com", "guess number " + i).status()).isEqualTo(401);
    }
    ApiClient.Response refused = signIn(b, "guessed@example.com", People.PASSWORD);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(b.cookie()).isNull();
    clock.advance(SignInThrottle.WINDOW);
    assertThat(signIn(b, "guessed@example.com", People.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aPersonWithOneIntegrationSeesOnlyIt() {
    Fixtures fx = new Fixtures(admin);
    String a = fx.integration("people A");
    String b = fx.integration("people B");
    String conn = fx.httpConnection("people conn");
    String flowA = fx.flow(a, fx.httpExport(conn, "exp A", false), fx.httpImport(conn, "imp A"));
    String flowB = fx.flow(b, fx.httpExport(conn, "exp B", false), fx.httpImport(conn, "imp B"));
    Browser browser = new Browser(admin.base());
    String csrf =
        People.signedIn(
            admin,
            browser,
            "one@example.com",
            "\"integrationAccessLevel\":[{\"_integrationId\":\""
                + a
                + "\",\"accessLevel\":\"monitor\"}]");
    assertThat(browser.get("/v1/integrations").json().findValuesAsText("_id")).containsExactly(a);
    assertThat(browser.get("/v1/flows").json().findValuesAsText("_id")).containsExactly(flowA);
    assertThat(browser.get("/v1/flows/" + flowA).status()).isEqualTo(200);
    assertThat(browser.get("/v1/flows/" + flowB).status()).isEqualTo(403);
    JsonNode flow = browser.get("/v1/flows/" + flowA).json();
    ApiClient.Response change = browser.write("PUT", "/v1/flows/" + flowA, flow, csrf);
    assertThat(change.status()).isEqualTo(403);
    assertThat(change.json().toString()).contains("only monitor");
    assertThat(browser.write("POST", "/v1/flows/" + flowB + "/run", Map.of(), csrf).status())
        .isEqualTo(403);
    assertThat(browser.write("POST", "/v1/flows/" + flowA + "/run", Map.of(), csrf).status())
        .isLessThan(300);
  }

  private static ApiClient.Response signIn(Browser b, String email, String password) {
    return b.send("POST", "/auth/signin", Map.of("email", email, "password", password), Map.of());
  }
}
