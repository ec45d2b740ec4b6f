package io.tributary.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The list filters clients send (D30): flows {@code _integrationId, disabled}; exports and imports
 * {@code _connectionId, adaptorType, _integrationId}; connections {@code type, _integrationId}. An
 * unknown filter is ignored, as the original does. Column filters become SQL; document fields a
 * predicate.
 */
public final class ListFilters {
  /** Exports and imports used by the integration's flows (or naming the integration themselves). */
  public static final String STEPS =
      "integration_id = :iid or id in (select rr.to_id from resource_refs rr "
          + "join resources f on f.id = rr.from_id where f.type = 'flows' and f.integration_id = :iid)";

  /**
   * Connections of those steps, the flows' aliases, and the integration's registered connections.
   */
  public static final String CONNECTIONS =
      "id in (select rr.to_id from resource_refs rr where rr.from_id = :iid "
          + "or rr.from_id in (select f.id from resources f where f.type = 'flows' and f.integration_id = :iid) "
          + "or rr.from_id in (select s.id from resources s where s.type in ('exports', 'imports') and (s.integration_id = :iid "
          + "or s.id in (select rr2.to_id from resource_refs rr2 join resources f2 on f2.id = rr2.from_id "
          + "where f2.type = 'flows' and f2.integration_id = :iid))))";

  public record Filter(String condition, Map<String, Object> params, Predicate<ObjectNode> keep) {}

  private ListFilters() {}

  public static Filter of(String type, Context ctx) {
    List<String> where = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    Predicate<ObjectNode> keep = null;
    String integration = ctx.queryParam("_integrationId");
    if (integration != null) {
      switch (type) {
        case "flows" -> where.add("integration_id = :f_iid");
        case "exports", "imports" -> where.add(STEPS.replace(":iid", ":f_iid"));
        case "connections" -> where.add(CONNECTIONS.replace(":iid", ":f_iid"));
        default -> {}
      }
      params.put("f_iid", integration);
    }
    String connection = ctx.queryParam("_connectionId");
    if (connection != null && (type.equals("exports") || type.equals("imports"))) {
      where.add("connection_id = :f_cid");
      params.put("f_cid", connection);
    }
    String adaptorType = ctx.queryParam("adaptorType");
    if (adaptorType != null && (type.equals("exports") || type.equals("imports"))) {
      keep = d -> adaptorType.equals(d.path("adaptorType").asText(null));
    }
    String connectionType = ctx.queryParam("type");
    if (connectionType != null && type.equals("connections"))
      keep = d -> connectionType.equals(d.path("type").asText(null));
    String disabled = ctx.queryParam("disabled");
    if (disabled != null
        && type.equals("flows")
        && (disabled.equals("true") || disabled.equals("false"))) {
      boolean wanted = Boolean.parseBoolean(disabled);
      keep = d -> d.path("disabled").asBoolean(false) == wanted;
    }
    params.keySet().removeIf(k -> !String.join(" ", where).contains(":" + k));
    return new Filter(where.isEmpty() ? null : String.join(" and ", where), params, keep);
  }
}
