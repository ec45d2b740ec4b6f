package io.tributary.tokens;

import io.javalin.http.Context;
import io.tributary.access.Guard;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import java.util.List;
import java.util.function.Predicate;

/** Checks the bearer token and the token's rate limit before every {@code /v1} call. */
public final class Authenticator {
  private final TokenStore tokens;
  private final RateLimiter limiter;
  private final List<Predicate<String>> publicPaths;

  public Authenticator(TokenStore tokens, RateLimiter limiter, List<Predicate<String>> publicPaths) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.publicPaths = publicPaths;
  }

  public void check(Context ctx) {
    String path = ctx.path();
    if (!path.startsWith("/v1/") && !path.equals("/v1")) return;
    if (publicPaths.stream().anyMatch(p -> p.test(path))) return;
    String header = ctx.header("Authorization");
    String text = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    Token token = tokens.authenticate(text)
        .orElseThrow(() -> new ApiException(401, "unauthorized", "A valid API token is required (Authorization: Bearer <token>)."));
    long wait = limiter.acquire(token.id());
    if (wait > 0) {
      ctx.header("Retry-After", String.valueOf(wait));
      throw new ApiException(429, "rate_limited", "Too many requests for this API token; retry after " + wait + " s.");
    }
    ctx.attribute(Requests.ACTOR, new Actor(token.userId(), token.name(), token.id(), "api"));
    ctx.attribute(TOKEN, token);
    ctx.attribute(Guard.SCOPE, token.scope());
  }

  public static final String TOKEN = "tributary.token";
}
