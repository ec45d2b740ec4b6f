package io.tributary.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads the errors of a flow step page by page: keyset paging, never the whole set in memory. */
public final class ErrorQueries {
  /** Router ids, as flows' validation accepts them: the step id of a router's errors. */
  private static final java.util.regex.Pattern ROUTER_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,24}");

  private final Jdbi jdbi;

  public ErrorQueries(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Filters of a listing; {@code afterAt}/{@code afterId} are the cursor of the previous page. */
  public record Filter(
      String flowId,
      String stepId,
      boolean resolved,
      Long from,
      Long to,
      String source,
      Long afterAt,
      String afterId,
      int limit) {}

  public record Page(List<ObjectNode> errors, Long lastAt, String lastId, boolean more) {}

  public Page list(Filter f) {
    List<String> where =
        new ArrayList<>(
            List.of(
                "flow_id = :flow",
                "step_id = :step",
                f.resolved() ? "resolved_at is not null" : "resolved_at is null"));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("flow", f.flowId());
    params.put("step", f.stepId());
    if (f.from() != null) {
      where.add("occurred_at >= :from");
      params.put("from", f.from());
    }
    if (f.to() != null) {
      where.add("occurred_at <= :to");
      params.put("to", f.to());
    }
    if (f.source() != null) {
      where.add("source = :source");
      params.put("source", f.source());
    }
    if (f.afterId() != null) {
      where.add("(occurred_at > :afterAt or (occurred_at = :afterAt and id > :afterId))");
      params.put("afterAt", f.afterAt());
      params.put("afterId", f.afterId());
    }
    String sql =
        "select id, occurred_at, resolved_at, doc, attempts, retry_of from record_errors where "
            + String.join(" and ", where)
            + " order by occurred_at, id fetch first :limit rows only";
    List<Object[]> rows =
        jdbi.withHandle(
            h -> {
              var q = h.createQuery(sql).bind("limit", f.limit() + 1);
              params.forEach(q::bind);
              return q.map(
                      (rs, ctx) -> {
                        long resolved = rs.getLong(3);
                        Long resolvedAt = rs.wasNull() ? null : resolved;
                        return new Object[] {
                          rs.getString(1),
                          rs.getLong(2),
                          resolvedAt,
                          rs.getString(4),
                          rs.getInt(5),
                          rs.getString(6)
                        };
                      })
                  .list();
            });
    boolean more = rows.size() > f.limit();
    List<ObjectNode> out = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(rows.size(), f.limit()))) {
      ObjectNode doc = (ObjectNode) Json.read((String) r[3]);
      if (r[2] != null) doc.put("resolvedAt", io.tributary.core.Times.iso((Long) r[2]));
      doc.put("attempts", (Integer) r[4]); // earlier retries of this record, automatic or asked for
      if (r[5] != null) doc.put("retryOf", (String) r[5]);
      out.add(doc);
    }
    Object[] last = out.isEmpty() ? null : rows.get(out.size() - 1);
    return new Page(
        out, last == null ? null : (Long) last[1], last == null ? null : (String) last[0], more);
  }

  /** The record stored for retry under a key, if the error of that step is still there. */
  public Optional<JsonNode> retryData(String flowId, String stepId, String key) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select retry_data from record_errors where flow_id = :flow and step_id = :step "
                        + "and retry_data_key = :key and retry_data is not null")
                .bind("flow", flowId)
                .bind("step", stepId)
                .bind("key", key)
                .mapTo(String.class)
                .findOne()
                .map(Json::read));
  }

  /** Open error counts per step of a flow, with the time of the latest. */
  public List<ObjectNode> flowSummary(String flowId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select step_id, count(*), max(occurred_at) from record_errors "
                        + "where flow_id = :flow and resolved_at is null group by step_id order by step_id")
                .bind("flow", flowId)
                .map(
                    (rs, ctx) ->
                        Json.object()
                            .put("_expOrImpId", rs.getString(1))
                            .put("numError", rs.getLong(2))
                            .put("lastErrorAt", io.tributary.core.Times.iso(rs.getLong(3))))
                .list());
  }

  /** Open error counts per flow of an integration. */
  public List<ObjectNode> integrationSummary(String integrationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select e.flow_id, count(*), max(e.occurred_at) from record_errors e "
                        + "join resources f on f.id = e.flow_id "
                        + "where f.integration_id = :iid and e.resolved_at is null group by e.flow_id order by e.flow_id")
                .bind("iid", integrationId)
                .map(
                    (rs, ctx) ->
                        Json.object()
                            .put("_flowId", rs.getString(1))
                            .put("numError", rs.getLong(2))
                            .put("lastErrorAt", io.tributary.core.Times.iso(rs.getLong(3))))
                .list());
  }

  /**
   * Whether {@code stepId} is a step of the flow: the flow refers to it, or errors of it are kept
   * (a step since removed keeps its errors reachable).
   */
  public boolean isStep(String flowId, String stepId) {
    if (!Ids.isId(stepId)) return isRouter(flowId, stepId);
    return jdbi.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from resources f where f.id = :flow and f.type = 'flows' and ("
                            + "exists (select 1 from resource_refs rr where rr.from_id = :flow and rr.to_id = :step) "
                            + "or exists (select 1 from record_errors e where e.flow_id = :flow and e.step_id = :step))")
                    .bind("flow", flowId)
                    .bind("step", stepId)
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  /**
   * Whether {@code stepId} names a router of the flow (records that fail routing are its errors,
   * D23), or errors of it are kept (a router since removed keeps its errors reachable).
   */
  private boolean isRouter(String flowId, String stepId) {
    if (!ROUTER_ID.matcher(stepId).matches()) return false;
    return jdbi.withHandle(
        h -> {
          boolean kept =
              h.createQuery(
                          "select count(*) from record_errors e where e.flow_id = :flow and e.step_id = :step")
                      .bind("flow", flowId)
                      .bind("step", stepId)
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (kept) return true;
          return h.createQuery("select doc from resources where id = :flow and type = 'flows'")
              .bind("flow", flowId)
              .mapTo(String.class)
              .findOne()
              .map(doc -> hasRouter(Json.read(doc), stepId))
              .orElse(false);
        });
  }

  private static boolean hasRouter(JsonNode flow, String id) {
    for (JsonNode r : flow.path("routers")) if (id.equals(r.path("id").asText())) return true;
    return false;
  }
}
