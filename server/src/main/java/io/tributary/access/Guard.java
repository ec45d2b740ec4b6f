package io.tributary.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import io.javalin.router.HandlerWrapper;
import io.tributary.core.Ids;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place access is enforced: Javalin wraps every endpoint's handler with {@link #wrap},
 * which holds the call to the route's {@link Rule} before the handler runs. The caller's {@link
 * Scope} is put on the context by authentication; lists filter themselves with {@link
 * #scope(Context)}.
 */
public final class Guard implements HandlerWrapper {
  public static final String SCOPE = "tributary.scope";
  private final AccessPolicy policy;
  private final Visibility visibility;

  public Guard(AccessPolicy policy, Visibility visibility) {
    this.policy = policy;
    this.visibility = visibility;
  }

  @Override
  public Handler wrap(Endpoint endpoint) {
    if (!endpoint.method.isHttpMethod()) return endpoint.handler;
    Rule rule = policy.rule(endpoint.method.name(), endpoint.path);
    Handler inner = endpoint.handler;
    return ctx -> {
      check(ctx, rule);
      inner.handle(ctx);
    };
  }

  /** The caller's scope; full when the route needed no caller (never reached for scoped checks). */
  public static Scope scope(Context ctx) {
    Scope s = ctx.attribute(SCOPE);
    return s != null ? s : Scope.full();
  }

  private void check(Context ctx, Rule rule) {
    if (rule instanceof Rule.Open) return;
    Scope scope = ctx.attribute(SCOPE);
    if (scope == null) {
      throw new ApiException(
          401, "unauthorized", "A valid API token is required (Authorization: Bearer <token>).");
    }
    if (scope.isFull()) return;
    switch (rule) {
      case Rule.Open o -> {}
      case Rule.AnyCaller a -> {}
      case Rule.Listing l -> {}
      case Rule.FullAccess f -> throw forbidden("Only full-access callers may do this.");
      case Rule.OnResource r -> {
        if (!scope.everything(r.level())
            && visibility.outside(r.kind(), ctx.pathParam(r.param()), scope, r.level())) {
          throw forbidden(
              r.level() == Level.MANAGE
                      && !visibility.outside(
                          r.kind(), ctx.pathParam(r.param()), scope, Level.MONITOR)
                  ? "This caller may only monitor this " + label(r.kind()) + "."
                  : "This " + label(r.kind()) + " is outside this caller's scope.");
        }
      }
      case Rule.Creating c -> creating(ctx, scope, c.kind());
    }
    if (writes(ctx)) referencesWithinReach(ctx, scope);
  }

  private void creating(Context ctx, Scope scope, Kind kind) {
    if (scope.everything(Level.MANAGE)) return;
    JsonNode body = bodyOrNull(ctx);
    String integration = body == null ? null : body.path("_integrationId").asText(null);
    boolean allowedKind = kind == Kind.FLOW || kind == Kind.EXPORT || kind == Kind.IMPORT;
    if (!allowedKind
        || integration == null
        || !scope.integrationIds(Level.MANAGE).contains(integration)) {
      throw forbidden(
          "This caller may create "
              + kind.resourceType()
              + " only inside an integration it manages (_integrationId).");
    }
  }

  /** A scoped caller cannot pull what it cannot see into what it can, by naming it in a body. */
  private void referencesWithinReach(Context ctx, Scope scope) {
    JsonNode body = bodyOrNull(ctx);
    if (body == null) return;
    Set<String> ids = new HashSet<>();
    collectIds(body, ids);
    List<String> unseen = visibility.unseen(ids, scope, Level.MONITOR);
    if (!unseen.isEmpty())
      throw forbidden("The body refers to resources outside this caller's scope: " + unseen + ".");
  }

  private static void collectIds(JsonNode n, Set<String> ids) {
    if (n.isTextual() && Ids.isId(n.asText())) ids.add(n.asText());
    n.forEach(child -> collectIds(child, ids));
  }

  private static boolean writes(Context ctx) {
    String m = ctx.method().name();
    return m.equals("POST") || m.equals("PUT") || m.equals("PATCH");
  }

  private static JsonNode bodyOrNull(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) return null;
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      return null; // the route answers the malformed body itself
    }
  }

  private static String label(Kind k) {
    return k == Kind.JOB ? "job" : k.resourceType().substring(0, k.resourceType().length() - 1);
  }

  private static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }
}
