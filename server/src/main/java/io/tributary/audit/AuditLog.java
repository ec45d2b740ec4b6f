package io.tributary.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.core.Ids;
import io.tributary.core.Times;
import io.tributary.secrets.SecretRule;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Writes an audit entry for every change (inside the change's transaction) and reads them back. */
public final class AuditLog {
  public static final int MAX_LIST = 1000;
  public static final int MAX_VALUE_CHARS = 16 * 1024;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Records one event; {@code before}/{@code after} are the stored forms (null for create/delete).
   */
  public void record(
      Handle h,
      String resourceType,
      String resourceId,
      String event,
      Actor actor,
      JsonNode before,
      JsonNode after,
      SecretRule secrets) {
    record(h, resourceType, resourceId, event, actor, before, after, secrets, null);
  }

  /** As above; {@code note} says what else the change touched (e.g. other flows sharing a step). */
  public void record(
      Handle h,
      String resourceType,
      String resourceId,
      String event,
      Actor actor,
      JsonNode before,
      JsonNode after,
      SecretRule secrets,
      String note) {
    long now = clock.millis();
    ObjectNode entry = Json.object();
    String id = ids.next();
    entry.put("_id", id);
    entry.put("resourceType", resourceType);
    entry.put("_resourceId", resourceId);
    entry.put("event", event);
    entry.put("source", actor.source());
    entry.put("time", Times.iso(now));
    ObjectNode by = entry.putObject("byUser");
    if (actor.userId() != null) by.put("_id", actor.userId());
    by.put("name", actor.name());
    if (note != null) entry.put("note", note);
    ArrayNode changes = entry.putArray("fieldChanges");
    for (FieldDiff.Change c : FieldDiff.between(before, after, secrets)) {
      ObjectNode ch = changes.addObject();
      ch.put("fieldPath", c.fieldPath());
      ch.set("oldValue", bounded(c.oldValue()));
      ch.set("newValue", bounded(c.newValue()));
    }
    h.createUpdate(
            "insert into audit_entries (id, resource_type, resource_id, event, source, by_user_id, at, doc) "
                + "values (:id, :type, :rid, :event, :source, :by, :at, :doc)")
        .bind("id", id)
        .bind("type", resourceType)
        .bind("rid", resourceId)
        .bind("event", event)
        .bind("source", actor.source())
        .bind("by", actor.userId())
        .bind("at", now)
        .bind("doc", Json.write(entry))
        .execute();
  }

  /**
   * A large text value (a script's content) is not copied into the entry: the document holds it,
   * and copying a 5 MB value twice into every entry tripled what each write stored.
   */
  static JsonNode bounded(JsonNode value) {
    if (!value.isTextual() || value.textValue().length() <= MAX_VALUE_CHARS) return value;
    return TextNode.valueOf(
        "(" + value.textValue().length() + " characters, too large for the audit log)");
  }

  /** Filters of {@code GET /v1/audit}; nulls match everything. */
  public record Query(
      String resourceType,
      String resourceId,
      String byUserId,
      String source,
      String event,
      Long from,
      Long to,
      int limit,
      int offset) {}

  public List<JsonNode> find(Query q) {
    List<String> where = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    add(where, params, "resource_type", "type", q.resourceType());
    add(where, params, "resource_id", "rid", q.resourceId());
    add(where, params, "by_user_id", "by", q.byUserId());
    add(where, params, "source", "source", q.source());
    add(where, params, "event", "event", q.event());
    if (q.from() != null) {
      where.add("at >= :from");
      params.put("from", q.from());
    }
    if (q.to() != null) {
      where.add("at <= :to");
      params.put("to", q.to());
    }
    String sql =
        "select doc from audit_entries"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by at desc, id desc offset :offset rows fetch first :limit rows only";
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery(sql).bind("limit", q.limit()).bind("offset", q.offset());
          params.forEach(query::bind);
          return query.mapTo(String.class).map(Json::read).list();
        });
  }

  private static void add(
      List<String> where, Map<String, Object> params, String column, String name, String value) {
    if (value == null) return;
    where.add(column + " = :" + name);
    params.put(name, value);
  }
}
