package io.tributary.audit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Times;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;

/** {@code GET /v1/audit}: every change, newest first, filtered. */
public final class AuditRoutes {
  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/audit", this::list);
  }

  private void list(Context ctx) {
    String type = ctx.queryParam("resourceType");
    if (type != null && type.endsWith("s")) type = type.substring(0, type.length() - 1);
    String event =
        ctx.queryParam("event") != null ? ctx.queryParam("event") : ctx.queryParam("action");
    int limit = intParam(ctx, "limit", AuditLog.MAX_LIST);
    if (limit < 1 || limit > AuditLog.MAX_LIST)
      throw ApiException.badRequest("invalid_query_params", "limit must be 1 to 1000");
    int offset = intParam(ctx, "offset", 0);
    if (offset < 0)
      throw ApiException.badRequest("invalid_query_params", "offset must not be negative");
    var q =
        new AuditLog.Query(
            type,
            ctx.queryParam("_resourceId"),
            ctx.queryParam("_byUserId"),
            ctx.queryParam("source"),
            event,
            time(ctx, "from"),
            time(ctx, "to"),
            limit,
            offset);
    Requests.json(ctx, 200, audit.find(q));
  }

  private static Long time(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    Long t = Times.parse(v);
    if (t == null)
      throw ApiException.badRequest(
          "invalid_query_params", name + " must be an ISO-8601 date or time");
    return t;
  }

  private static int intParam(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null) return dflt;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid_query_params", name + " must be a whole number");
    }
  }
}
