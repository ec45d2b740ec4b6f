package io.tributary.tokens;

import io.javalin.http.Context;
import io.tributary.access.Guard;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks the bearer token (or a signed-in person's session cookie) and the caller's rate limit
 * before every {@code /v1} call.
 */
public final class Authenticator {
  private final TokenStore tokens;
  private final RateLimiter limiter;
  private final List<Predicate<String>> publicPaths;
  private final Function<Context, String> cookieSignIn;

  /**
   * @param cookieSignIn signs a request without a bearer token in by its session cookie (setting
   *     actor and scope) and answers its rate-limit key, or null when there is no session cookie
   */
  public Authenticator(
      TokenStore tokens,
      RateLimiter limiter,
      List<Predicate<String>> publicPaths,
      Function<Context, String> cookieSignIn) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.publicPaths = publicPaths;
    this.cookieSignIn = cookieSignIn;
  }

  public void check(Context ctx) {
    String path = ctx.path();
    if (!path.startsWith("/v1/") && !path.equals("/v1")) return;
    if (publicPaths.stream().anyMatch(p -> p.test(path))) return;
    authenticate(ctx);
  }

  /** Requires a valid token on any path (401/429 otherwise) and makes its actor the request's. */
  public void authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    String text =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : null;
    if (header == null) {
      String person = cookieSignIn.apply(ctx);
      if (person != null) {
        limit(ctx, person);
        return;
      }
    }
    Token token =
        tokens
            .authenticate(text)
            .orElseThrow(
                () ->
                    new ApiException(
                        401,
                        "unauthorized",
                        "A valid API token is required (Authorization: Bearer <token>)."));
    limit(ctx, token.id());
    ctx.attribute(Requests.ACTOR, new Actor(token.userId(), token.name(), token.id(), "api"));
    ctx.attribute(TOKEN, token);
    ctx.attribute(Guard.SCOPE, token.scope());
  }

  private void limit(Context ctx, String key) {
    long wait = limiter.acquire(key);
    if (wait > 0) {
      ctx.header("Retry-After", String.valueOf(wait));
      throw new ApiException(
          429, "rate_limited", "Too many requests for this caller; retry after " + wait + " s.");
    }
  }

  public static final String TOKEN = "tributary.token";
}
