package io.tributary.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.testing.ApiClient;
import io.tributary.web.Json;
import java.util.Map;

/** Invites a person through the API and signs them in through the routes the UI uses. */
final class People {
  static final String PASSWORD = "correct horse battery";

  private People() {}

  /**
   * Invites {@code email} with the given access fields and sets their password through the link.
   */
  static JsonNode invite(ApiClient admin, String email, String accessJson) {
    ApiClient.Response r =
        admin.post("/v1/invite", Json.parse("{\"email\":\"" + email + "\"," + accessJson + "}"));
    if (r.status() != 201) throw new AssertionError("invite failed: " + r);
    return r.json();
  }

  static void setPassword(Browser b, JsonNode invitation) {
    ApiClient.Response r =
        b.send(
            "POST",
            "/auth/password",
            Map.of("token", invitation.get("setPasswordToken").asText(), "password", PASSWORD),
            Map.of());
    if (r.status() != 204) throw new AssertionError("set password failed: " + r);
  }

  /** Signs in and answers the session's CSRF token. */
  static String signIn(Browser b, String email) {
    ApiClient.Response r =
        b.send("POST", "/auth/signin", Map.of("email", email, "password", PASSWORD), Map.of());
    if (r.status() != 200) throw new AssertionError("sign-in failed: " + r);
    return r.json().get("csrfToken").asText();
  }

  /** Invited, password set, signed in: the browser holds the cookie; answers the CSRF token. */
  static String signedIn(ApiClient admin, Browser b, String email, String accessJson) {
    setPassword(b, invite(admin, email, accessJson));
    return signIn(b, email);
  }
}
