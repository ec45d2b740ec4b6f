package io.tributary.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.access.Guard;
import io.tributary.access.Kind;
import io.tributary.access.Level;
import io.tributary.access.Visibility;
import io.tributary.core.Ids;
import io.tributary.web.ApiException;
import io.tributary.web.Requests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CRUD endpoints of one resource type under {@code /v1/<type>}. */
public final class ResourceRoutes {
  public static final int PAGE_SIZE = 1000;
  private final ResourceService service;
  private final io.tributary.audit.AuditLog audit;
  private final Map<String, Answering> answering = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Adds what depends on the request to a type's answers (a webhook export's {@code webhook.url}:
   * this server's public origin, and a secret only callers that manage it may see).
   */
  @FunctionalInterface
  public interface Answering {
    ObjectNode answer(Context ctx, ObjectNode view);
  }

  public void answering(ResourceType t, Answering a) {
    answering.put(t.path(), a);
  }

  private ObjectNode answer(Context ctx, ResourceType t, ObjectNode view) {
    Answering a = answering.get(t.path());
    return a == null ? view : a.answer(ctx, view);
  }

  public ResourceRoutes(ResourceService service, io.tributary.audit.AuditLog audit) {
    this.service = service;
    this.audit = audit;
  }

  public void register(RoutesConfig routes, ResourceType t, boolean emptyListIs204) {
    String base = "/v1/" + t.path();
    routes.get(base, ctx -> list(ctx, t, null, Map.of(), emptyListIs204));
    routes.post(
        base,
        ctx ->
            Requests.json(
                ctx,
                201,
                answer(ctx, t, service.create(t, Requests.body(ctx), Requests.actor(ctx)))));
    routes.get(
        base + "/{id}",
        ctx -> Requests.json(ctx, 200, answer(ctx, t, service.get(t, ctx.pathParam("id")))));
    routes.put(
        base + "/{id}",
        ctx ->
            Requests.json(
                ctx,
                200,
                answer(
                    ctx,
                    t,
                    service.replace(
                        t, ctx.pathParam("id"), Requests.body(ctx), Requests.actor(ctx)))));
    routes.patch(
        base + "/{id}",
        ctx -> {
          service.patch(t, ctx.pathParam("id"), Requests.body(ctx), Requests.actor(ctx));
          ctx.status(204);
        });
    routes.delete(
        base + "/{id}",
        ctx -> {
          service.delete(t, ctx.pathParam("id"), Requests.actor(ctx));
          ctx.status(204);
        });
    routes.get(
        base + "/{id}/audit",
        ctx -> {
          String id = ctx.pathParam("id");
          if (service.find(t, id).isEmpty() && audit.find(query(t, id, 1)).isEmpty())
            throw ApiException.notFound(t.label());
          Requests.json(ctx, 200, audit.find(query(t, id, io.tributary.audit.AuditLog.MAX_LIST)));
        });
  }

  private static io.tributary.audit.AuditLog.Query query(ResourceType t, String id, int limit) {
    return new io.tributary.audit.AuditLog.Query(
        t.auditName(), id, null, null, null, null, null, limit, 0);
  }

  /**
   * Answers one page of a list as a bare array, with a {@code Link: rel="next"} header while more
   * remain. {@code condition} narrows the list (integration sub-lists).
   */
  public void list(
      Context ctx,
      ResourceType t,
      String condition,
      Map<String, Object> params,
      boolean emptyIs204) {
    String after = ctx.queryParam("after");
    if (after != null && !Ids.isId(after))
      throw ApiException.badRequest("invalid_query_params", "after must be an id");
    int skip = number(ctx, "skip", 0, Integer.MAX_VALUE, 0);
    int limit = number(ctx, "limit", 1, PAGE_SIZE, PAGE_SIZE);
    String include = ctx.queryParam("include");
    String exclude = ctx.queryParam("exclude");
    ListFilters.Filter filter = ListFilters.of(t.path(), ctx);
    String visible =
        Visibility.condition(Kind.ofResourceType(t.path()), Guard.scope(ctx), Level.MONITOR);
    String where = and(and(condition, filter.condition()), visible);
    Map<String, Object> all = new LinkedHashMap<>(params);
    all.putAll(filter.params());
    ResourceService.Page page =
        service.list(t, where, all, after, skip, limit, include, exclude, filter.keep());
    if (page.nextAfter() != null) {
      Map<String, String> q = new LinkedHashMap<>();
      ctx.queryParamMap()
          .forEach(
              (k, v) -> {
                if (!v.isEmpty() && !k.equals("after") && !k.equals("skip")) q.put(k, v.get(0));
              });
      q.put("after", page.nextAfter());
      ctx.header("Link", "<" + Requests.selfUrl(ctx, q) + ">; rel=\"next\"");
    }
    List<ObjectNode> items = new java.util.ArrayList<>();
    for (ObjectNode item : page.items()) items.add(answer(ctx, t, item));
    if (items.isEmpty() && emptyIs204 && after == null && skip == 0) {
      ctx.status(204);
      return;
    }
    Requests.json(ctx, 200, items);
  }

  private static String and(String a, String b) {
    return a == null ? b : b == null ? a : "(" + a + ") and (" + b + ")";
  }

  private static int number(Context ctx, String name, int min, int max, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "invalid_query_params", name + " must be a whole number from " + min + " to " + max + ".");
  }
}
