package io.tributary.scripts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Times;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/scripts/:id/logs?level=&from=&to=}: a script's log lines, newest first, in pages
 * with a {@code Link: rel="next"} header while more remain (as every list).
 */
public final class ScriptLogRoutes {
  private static final int PAGE_SIZE = 1000;
  private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");
  private final ScriptLogStore logs;
  private final ResourceService service;
  private final ResourceType scripts;

  public ScriptLogRoutes(ScriptLogStore logs, ResourceService service, ResourceType scripts) {
    this.logs = logs;
    this.service = service;
    this.scripts = scripts;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/scripts/{id}/logs", this::list);
  }

  private void list(Context ctx) {
    String id = ctx.pathParam("id");
    String level = ctx.queryParam("level");
    if (level != null && !LEVELS.contains(level))
      throw ApiException.badRequest(
          "invalid_query_params", "level must be one of debug, info, warn, error");
    Long before = number(ctx, "after", 1, Long.MAX_VALUE);
    Long limit = number(ctx, "limit", 1, PAGE_SIZE);
    Long from = time(ctx, "from");
    Long to = time(ctx, "to");
    if (service.find(scripts, id).isEmpty()) throw ApiException.notFound("Script");
    ScriptLogStore.Page page =
        logs.find(
            new ScriptLogStore.LogQuery(
                id, level, from, to, before, limit == null ? PAGE_SIZE : limit.intValue()));
    if (page.nextBefore() != null) {
      Map<String, String> q = new LinkedHashMap<>();
      ctx.queryParamMap()
          .forEach(
              (k, v) -> {
                if (!v.isEmpty() && !k.equals("after")) q.put(k, v.get(0));
              });
      q.put("after", Long.toString(page.nextBefore()));
      ctx.header("Link", "<" + Requests.selfUrl(ctx, q) + ">; rel=\"next\"");
    }
    Requests.json(ctx, 200, page.items());
  }

  private static Long number(Context ctx, String name, long min, long max) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    try {
      long n = Long.parseLong(v.trim());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_query_params", name + " must be a whole number from " + min + " to " + max);
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
}
