package io.tributary.people;

import io.javalin.http.Context;
import io.tributary.access.Guard;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.web.PublicOrigin;
import io.tributary.web.Requests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Cookie sign-in on {@code /v1}: a live session puts its person's scope where tokens put theirs, so
 * {@link Guard} holds people to the same rules. A state-changing request must echo the session's
 * CSRF token in {@value #CSRF_HEADER}, and its {@code Origin}, when sent, must be this server's:
 * another site can make a browser send the cookie, but can neither read the token nor forge the
 * origin.
 */
public final class SessionCookie {
  public static final String NAME = "tributary_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String PERSON = "tributary.person";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private final Sessions sessions;

  public SessionCookie(Sessions sessions) {
    this.sessions = sessions;
  }

  /**
   * Signs the request in by its session cookie; answers the rate-limit key of the person, or null
   * when the request carries no session cookie. A cookie that no longer works is a 401.
   */
  public String authenticate(Context ctx) {
    String cookie = ctx.cookie(NAME);
    if (cookie == null || cookie.isBlank()) return null;
    Sessions.Live live =
        sessions
            .use(cookie)
            .orElseThrow(
                () ->
                    new ApiException(401, "unauthorized", "The session has ended; sign in again."));
    if (!SAFE.contains(ctx.method().name())) checkCsrf(ctx, live.csrfToken());
    Person p = live.person();
    ctx.attribute(Requests.ACTOR, new Actor(p.userId(), p.name(), null, "ui"));
    ctx.attribute(Guard.SCOPE, p.scope());
    ctx.attribute(PERSON, p);
    return "person:" + p.id();
  }

  static void checkCsrf(Context ctx, String expected) {
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null
        || !MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      throw new ApiException(
          403,
          "csrf_failed",
          "A signed-in change needs the session's CSRF token in the " + CSRF_HEADER + " header.");
    }
    checkOrigin(ctx);
  }

  /**
   * A browser names the page that sent the request; it must be this server as clients reach it
   * ({@link PublicOrigin}) or the host the browser addressed. The {@code Host} header is enough
   * here: a browser, the only thing carrying a victim's cookie, always sends the real one.
   */
  static void checkOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) return;
    if (origin.equalsIgnoreCase(PublicOrigin.of(ctx)) || sameHost(origin, ctx.header("Host")))
      return;
    throw new ApiException(
        403, "csrf_failed", "Requests from " + origin + " may not use this session.");
  }

  private static boolean sameHost(String origin, String host) {
    if (host == null || origin.equals("null")) return false;
    try {
      String authority = java.net.URI.create(origin).getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Set-Cookie for a new session: HttpOnly, SameSite=Strict, Secure when the client reached us over
   * TLS.
   */
  static void set(Context ctx, String value) {
    ctx.header(
        "Set-Cookie",
        NAME
            + "="
            + value
            + "; Path=/; Max-Age="
            + Sessions.ABSOLUTE.toSeconds()
            + "; HttpOnly; SameSite=Strict"
            + (secure(ctx) ? "; Secure" : ""));
  }

  static void clear(Context ctx) {
    ctx.header(
        "Set-Cookie",
        NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
  }

  private static boolean secure(Context ctx) {
    return PublicOrigin.of(ctx).startsWith("https://");
  }
}
