package io.tributary.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Times;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.time.Clock;
import java.util.Locale;

/**
 * Sign-in for the web UI (D29), outside {@code /v1}: {@code POST /auth/password} sets a password
 * through a one-time link, {@code POST /auth/signin} opens a session cookie, {@code GET
 * /auth/session} tells the page who is signed in and its CSRF token, {@code POST /auth/signout}
 * ends it.
 */
public final class SignInRoutes {
  private final PeopleStore people;
  private final Sessions sessions;
  private final Passwords passwords;
  private final SignInThrottle throttle;

  public SignInRoutes(PeopleStore people, Sessions sessions, Passwords passwords, Clock clock) {
    this.people = people;
    this.sessions = sessions;
    this.passwords = passwords;
    this.throttle = new SignInThrottle(clock);
  }

  public void register(RoutesConfig routes) {
    routes.post("/auth/password", this::setPassword);
    routes.post("/auth/signin", this::signIn);
    routes.get("/auth/session", this::session);
    routes.post("/auth/signout", this::signOut);
    routes.get(
        PeopleRoutes.SET_PASSWORD_PAGE,
        ctx -> page(ctx, "set-password.html", "text/html; charset=utf-8"));
    routes.get(
        "/set-password.js", ctx -> page(ctx, "set-password.js", "text/javascript; charset=utf-8"));
  }

  /** The link's page: static, same-origin script only, never framed. */
  private static void page(Context ctx, String file, String type) throws java.io.IOException {
    try (var in = SignInRoutes.class.getResourceAsStream("/people/" + file)) {
      ctx.header(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; "
              + "frame-ancestors 'none'; form-action 'none'");
      ctx.header("Referrer-Policy", "no-referrer");
      ctx.contentType(type).result(in.readAllBytes());
    }
  }

  private void setPassword(Context ctx) {
    JsonNode body = object(ctx);
    String password = password(body);
    // The password is checked first, so a refused one leaves the link usable.
    boolean set =
        people
            .jdbi()
            .inTransaction(
                h ->
                    people
                        .useLink(h, body.path("token").asText(null))
                        .map(
                            personId -> {
                              people.setPassword(h, personId, passwords.hash(password));
                              return true;
                            })
                        .orElse(false));
    if (!set)
      throw ApiException.badRequest(
          "invalid_link",
          "This link is unknown, was already used, or has expired; ask for a new one.");
    ctx.status(204);
  }

  private static String password(JsonNode body) {
    JsonNode p = body.get("password");
    if (p == null || !p.isTextual() || p.asText().isEmpty())
      throw ApiException.invalid("missing_required_field", "password is required", "password");
    int length = p.asText().codePointCount(0, p.asText().length());
    if (length < Passwords.MIN_LENGTH || length > Passwords.MAX_LENGTH) {
      throw ApiException.invalid(
          "invalid_field",
          "A password has " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH + " characters",
          "password");
    }
    return p.asText();
  }

  private void signIn(Context ctx) {
    SessionCookie.checkOrigin(ctx);
    JsonNode body = object(ctx);
    String email = body.path("email").asText("").trim().toLowerCase(Locale.ROOT);
    String password = body.path("password").asText("");
    String address = ctx.ip();
    long wait = throttle.waitSeconds(email, address);
    if (wait > 0) {
      ctx.header("Retry-After", String.valueOf(wait));
      throw new ApiException(
          429, "rate_limited", "Too many failed sign-ins; retry after " + wait + " s.");
    }
    var found = people.credentials(email);
    boolean ok =
        passwords.verify(password, found.map(PeopleStore.Credentials::passwordHash).orElse(null));
    if (!ok || found.get().person().disabled()) {
      throw failed(email, address);
    }
    throttle.succeeded(email);
    Person person = found.get().person();
    Sessions.Opened opened = sessions.open(person.id());
    people.signedIn(person.id());
    SessionCookie.set(ctx, opened.cookie());
    Requests.json(
        ctx, 200, answer(people.get(person.id()).orElseThrow(), opened.csrfToken(), null));
  }

  private ApiException failed(String email, String address) {
    throttle.failed(email, address);
    return new ApiException(401, "invalid_credentials", "The email or password is wrong.");
  }

  private void session(Context ctx) {
    Sessions.Live live =
        sessions
            .use(ctx.cookie(SessionCookie.NAME))
            .orElseThrow(() -> new ApiException(401, "unauthorized", "Not signed in."));
    Requests.json(
        ctx,
        200,
        answer(live.person(), live.csrfToken(), live.createdAt() + Sessions.ABSOLUTE.toMillis()));
  }

  private void signOut(Context ctx) {
    String cookie = ctx.cookie(SessionCookie.NAME);
    var live = sessions.use(cookie);
    if (live.isPresent()) SessionCookie.checkCsrf(ctx, live.get().csrfToken());
    sessions.close(cookie);
    SessionCookie.clear(ctx);
    ctx.status(204);
  }

  private static ObjectNode answer(Person p, String csrf, Long expiresAt) {
    ObjectNode out = Json.object();
    out.set("ashare", p.view());
    out.put("csrfToken", csrf);
    if (expiresAt != null) out.put("expiresAt", Times.iso(expiresAt));
    return out;
  }

  private static JsonNode object(Context ctx) {
    JsonNode body = Requests.body(ctx);
    if (!body.isObject())
      throw ApiException.invalid("invalid_field", "The body must be a JSON object", null);
    return body;
  }
}
