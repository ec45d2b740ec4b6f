package io.tributary.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.resources.Ids;
import io.tributary.resources.Times;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error management 2.0, reading side: the open and resolved errors of a flow step, paged by
 * {@code nextPageURL}, and the record kept for retry.
 */
public final class ErrorRoutes {
  public static final int PAGE_SIZE = 1000;
  private final ErrorQueries queries;

  public ErrorRoutes(ErrorQueries queries) {
    this.queries = queries;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/flows/{flowId}/{stepId}/errors", ctx -> list(ctx, false));
    routes.get("/v1/flows/{flowId}/{stepId}/resolved", ctx -> list(ctx, true));
    routes.get("/v1/flows/{flowId}/{stepId}/{retryDataKey}/data", ctx -> {
      ids(ctx);
      var data = queries.retryData(ctx.pathParam("flowId"), ctx.pathParam("stepId"), ctx.pathParam("retryDataKey"))
          .orElseThrow(() -> ApiException.notFound("Retry data"));
      Requests.json(ctx, 200, Json.object().set("data", data));
    });
  }

  private void list(Context ctx, boolean resolved) {
    ids(ctx);
    Long afterAt = null;
    String afterId = null;
    String cursor = ctx.queryParam("after");
    if (cursor != null) {
      String[] parts = cursor.split("\\.", 2);
      if (parts.length != 2 || !parts[0].matches("\\d+") || !Ids.isId(parts[1])) {
        throw ApiException.badRequest("invalid_query_params", "after is a cursor taken from nextPageURL");
      }
      afterAt = Long.parseLong(parts[0]);
      afterId = parts[1];
    }
    var filter = new ErrorQueries.Filter(ctx.pathParam("flowId"), ctx.pathParam("stepId"), resolved,
        time(ctx, "occurredAt_gte"), time(ctx, "occurredAt_lte"), ctx.queryParam("source"), afterAt, afterId, PAGE_SIZE);
    ErrorQueries.Page page = queries.list(filter);
    ObjectNode out = Json.object();
    out.set("errors", Json.MAPPER.valueToTree(page.errors()));
    if (page.more()) {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("occurredAt_gte", ctx.queryParam("occurredAt_gte"));
      q.put("occurredAt_lte", ctx.queryParam("occurredAt_lte"));
      q.put("source", ctx.queryParam("source"));
      q.put("after", page.lastAt() + "." + page.lastId());
      out.put("nextPageURL", Requests.selfUrl(ctx, q));
    }
    Requests.json(ctx, 200, out);
  }

  private static void ids(Context ctx) {
    if (!Ids.isId(ctx.pathParam("flowId")) || !Ids.isId(ctx.pathParam("stepId"))) throw ApiException.notFound("Flow step");
  }

  private static Long time(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    Long t = Times.parse(v);
    if (t == null) throw ApiException.badRequest("invalid_query_params", name + " must be an ISO-8601 date-time");
    return t;
  }
}
