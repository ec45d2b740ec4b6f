package io.tributary.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tributary.core.Ids;
import io.tributary.core.Times;
import io.tributary.web.Actor;
import io.tributary.web.ApiException;
import io.tributary.web.Json;
import io.tributary.web.Requests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error management 2.0: the open and resolved errors of a flow step (paged by {@code nextPageURL}),
 * the record kept for retry (read and edit), resolve, purge, retry, and per-step summaries.
 */
public final class ErrorRoutes {
  public static final int PAGE_SIZE = 1000;
  private final ErrorQueries queries;
  private final ErrorActions actions;
  private final Retrier retrier;

  /**
   * Queues a retry job for open errors of a step and answers its id (the run machinery does it).
   */
  @FunctionalInterface
  public interface Retrier {
    String retry(String flowId, String stepId, List<String> errorIds, Actor actor);
  }

  public ErrorRoutes(ErrorQueries queries, ErrorActions actions, Retrier retrier) {
    this.queries = queries;
    this.actions = actions;
    this.retrier = retrier;
  }

  public void register(RoutesConfig routes) {
    routes.get("/v1/flows/{flowId}/{stepId}/errors", ctx -> list(ctx, false));
    routes.get("/v1/flows/{flowId}/{stepId}/resolved", ctx -> list(ctx, true));
    routes.get(
        "/v1/flows/{flowId}/{stepId}/{retryDataKey}/data",
        ctx -> {
          ids(ctx);
          var data =
              queries
                  .retryData(
                      ctx.pathParam("flowId"),
                      ctx.pathParam("stepId"),
                      ctx.pathParam("retryDataKey"))
                  .orElseThrow(() -> ApiException.notFound("Retry data"));
          Requests.json(ctx, 200, Json.object().set("data", data));
        });
    routes.put("/v1/flows/{flowId}/{stepId}/{retryDataKey}/data", this::editData);
    routes.put(
        "/v1/flows/{flowId}/{stepId}/resolved",
        ctx -> {
          ids(ctx);
          actions.resolve(ctx.pathParam("flowId"), ctx.pathParam("stepId"), errorIds(ctx));
          ctx.status(204);
        });
    routes.delete(
        "/v1/flows/{flowId}/{stepId}/resolved",
        ctx -> {
          ids(ctx);
          actions.purgeResolved(ctx.pathParam("flowId"), ctx.pathParam("stepId"));
          ctx.status(204);
        });
    routes.post("/v1/flows/{flowId}/{stepId}/retry", this::retry);
    routes.get(
        "/v1/flows/{flowId}/errors",
        ctx -> {
          if (!Ids.isId(ctx.pathParam("flowId"))) throw ApiException.notFound("Flow");
          Requests.json(
              ctx,
              200,
              Json.object()
                  .set(
                      "flowErrors",
                      Json.MAPPER.valueToTree(queries.flowSummary(ctx.pathParam("flowId")))));
        });
    routes.get(
        "/v1/integrations/{id}/errors",
        ctx -> {
          if (!Ids.isId(ctx.pathParam("id"))) throw ApiException.notFound("Integration");
          Requests.json(ctx, 200, queries.integrationSummary(ctx.pathParam("id")));
        });
  }

  private void editData(Context ctx) {
    ids(ctx);
    JsonNode body = Requests.body(ctx);
    // {data, ...} as the original's clients send it (D30); else the body is the record itself.
    JsonNode data = body.isObject() && body.path("data").isObject() ? body.get("data") : body;
    if (!data.isObject())
      throw ApiException.invalid(
          "invalid_field", "The retry data must be a JSON object (the record).", "data");
    if (!actions.editRetryData(
        ctx.pathParam("flowId"), ctx.pathParam("stepId"), ctx.pathParam("retryDataKey"), data)) {
      throw ApiException.notFound("Retry data");
    }
    Requests.json(ctx, 200, Json.object().set("data", data));
  }

  private void retry(Context ctx) {
    ids(ctx);
    String flowId = ctx.pathParam("flowId");
    String stepId = ctx.pathParam("stepId");
    JsonNode body = named(Requests.body(ctx), "retryDataKeys", "errors", "errorIds");
    List<String> ids =
        body.has("retryDataKeys")
            ? actions.idsForKeys(
                flowId, stepId, strings(body.get("retryDataKeys"), "retryDataKeys"))
            : errorIds(body);
    String jobId = retrier.retry(flowId, stepId, ids, Requests.actor(ctx));
    Requests.json(ctx, 201, Json.object().put("_jobId", jobId));
  }

  /**
   * {@code {"errors":[ids]}} or {@code {"errorIds":[ids]}}: only the errors named are resolved (an
   * empty list is a 400, D30). A body naming none, or misspelling the field, would once have
   * resolved every open error; it is refused instead.
   */
  private static List<String> errorIds(Context ctx) {
    String raw = ctx.body();
    if (raw == null || raw.isBlank()) throw missingNames();
    return errorIds(named(Json.parse(raw), "errors", "errorIds"));
  }

  private static List<String> errorIds(JsonNode body) {
    if (body.has("errors") && body.has("errorIds")) {
      throw new ApiException(
          400, "invalid_field", "Name the errors in errors or in errorIds, not both.", "errorIds");
    }
    String field = body.has("errors") ? "errors" : body.has("errorIds") ? "errorIds" : null;
    if (field == null) throw missingNames();
    List<String> ids = strings(body.get(field), field);
    // An empty list is not "all": resolving or retrying nothing is a client mistake (D30).
    if (ids.isEmpty())
      throw new ApiException(400, "invalid_field", field + " is empty; name the errors.", field);
    return ids;
  }

  private static ApiException missingNames() {
    return ApiException.invalid(
        "missing_required_field", "Name the errors: {\"errors\": [errorId, ...]}.", "errors");
  }

  /**
   * The body, when it is an object with no field but the given ones (a typo must not widen what is
   * done).
   */
  private static JsonNode named(JsonNode body, String... fields) {
    if (!body.isObject())
      throw ApiException.badRequest("invalid_body", "The body must be a JSON object.");
    List<String> known = List.of(fields);
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new ApiException(
            400,
            "unknown_field",
            "Unknown field " + name + "; expected one of " + known + ".",
            name);
      }
    }
    return body;
  }

  private static List<String> strings(JsonNode list, String field) {
    if (!list.isArray())
      throw ApiException.invalid("invalid_field", field + " must be an array of ids", field);
    List<String> out = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.isTextual())
        throw ApiException.invalid("invalid_field", field + " must hold strings", field);
      out.add(n.asText());
    }
    return out;
  }

  private void list(Context ctx, boolean resolved) {
    ids(ctx);
    Long afterAt = null;
    String afterId = null;
    String cursor = ctx.queryParam("after");
    if (cursor != null) {
      String[] parts = cursor.split("\\.", 2);
      if (parts.length != 2
          || !parts[0].matches("\\d{1,18}")
          || !Ids.isId(parts[1])) { // 18 digits: always a long
        throw ApiException.badRequest(
            "invalid_query_params", "after is a cursor taken from nextPageURL");
      }
      afterAt = Long.parseLong(parts[0]);
      afterId = parts[1];
    }
    var filter =
        new ErrorQueries.Filter(
            ctx.pathParam("flowId"),
            ctx.pathParam("stepId"),
            resolved,
            time(ctx, "occurredAt_gte"),
            time(ctx, "occurredAt_lte"),
            ctx.queryParam("source"),
            afterAt,
            afterId,
            PAGE_SIZE);
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

  private void ids(Context ctx) {
    if (!Ids.isId(ctx.pathParam("flowId"))
        || !queries.isStep(ctx.pathParam("flowId"), ctx.pathParam("stepId"))) {
      throw ApiException.notFound("Flow step");
    }
  }

  private static Long time(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    Long t = Times.parse(v);
    if (t == null)
      throw ApiException.badRequest(
          "invalid_query_params", name + " must be an ISO-8601 date-time");
    return t;
  }
}
