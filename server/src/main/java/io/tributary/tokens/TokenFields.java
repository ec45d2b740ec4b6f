package io.tributary.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.access.Level;
import io.tributary.access.Scope;
import io.tributary.core.ErrorItem;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.core.Times;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The client-settable fields of an access token (D28), read from a POST or PUT body and checked:
 * {@code name, description, fullAccess, _integrationIds, _connectionIds, _exportIds, _importIds,
 * accessLevel, autoPurgeAt}. A body naming neither {@code fullAccess} nor a list is full access.
 */
public record TokenFields(ObjectNode doc, Long autoPurgeAt, Boolean revoked) {
  static final Map<String, String> LISTS =
      Map.of(
          "_integrationIds",
          "integrations",
          "_connectionIds",
          "connections",
          "_exportIds",
          "exports",
          "_importIds",
          "imports");

  /**
   * @param exists whether an id is a resource of the given store type (for {@code invalid_ref})
   * @param now the current time in epoch ms ({@code autoPurgeAt} must be later)
   */
  public static TokenFields parse(JsonNode body, BiPredicate<String, String> exists, long now) {
    if (!(body instanceof ObjectNode in))
      throw Problem.invalid("invalid_field", "The body must be a JSON object.", null);
    List<ErrorItem> problems = new ArrayList<>();
    ObjectNode doc = Json.object();
    string(in, doc, "name", problems);
    string(in, doc, "description", problems);
    if (!doc.has("name")) doc.put("name", "API token");
    if (in.hasNonNull("scope") && !"*".equals(in.get("scope").asText())) {
      problems.add(
          new ErrorItem(
              "invalid_field",
              "scope takes only \"*\"; scope a token with fullAccess and the id lists.",
              "scope"));
    }
    boolean anyList = false;
    for (var e : LISTS.entrySet()) {
      JsonNode v = in.get(e.getKey());
      if (v == null || v.isNull()) continue;
      ArrayNode ids = ids(v, e.getKey(), e.getValue(), exists, problems);
      if (!ids.isEmpty()) anyList = true;
      doc.set(e.getKey(), ids);
    }
    JsonNode full = in.get("fullAccess");
    if (full != null && !full.isNull() && !full.isBoolean())
      problems.add(
          new ErrorItem("invalid_field", "fullAccess must be true or false.", "fullAccess"));
    boolean fullAccess = full == null || full.isNull() ? !anyList : full.asBoolean();
    if (fullAccess && anyList) {
      problems.add(
          new ErrorItem(
              "invalid_field",
              "A full-access token takes no _integrationIds, _connectionIds, _exportIds or _importIds.",
              "fullAccess"));
    }
    if (!fullAccess && !anyList) {
      problems.add(
          new ErrorItem(
              "missing_required_field",
              "A scoped token needs at least one of _integrationIds, _connectionIds, _exportIds, _importIds.",
              "_integrationIds"));
    }
    doc.put("fullAccess", fullAccess);
    JsonNode level = in.get("accessLevel");
    Level parsed = level == null || level.isNull() ? Level.MANAGE : Level.parse(level.asText());
    if (parsed == null
        || parsed == Level.ADMIN
        || (level != null && !level.isNull() && !level.isTextual())) {
      problems.add(
          new ErrorItem(
              "invalid_field", "accessLevel is \"manage\" or \"monitor\".", "accessLevel"));
    } else if (!fullAccess) {
      doc.put("accessLevel", parsed.wire());
    }
    Long purge = autoPurgeAt(in, now, problems);
    if (purge != null) doc.put("autoPurgeAt", Times.iso(purge));
    JsonNode revoked = in.get("revoked");
    if (revoked != null && !revoked.isNull() && !revoked.isBoolean())
      problems.add(new ErrorItem("invalid_field", "revoked must be true or false.", "revoked"));
    if (!problems.isEmpty()) throw new Problem.Invalid(problems);
    return new TokenFields(
        doc, purge, revoked == null || revoked.isNull() ? null : revoked.asBoolean());
  }

  /** The scope a stored token document grants. */
  public static Scope scopeOf(JsonNode doc) {
    if (doc.path("fullAccess").asBoolean(true)
        && !doc.has("_integrationIds")
        && !doc.has("_connectionIds")
        && !doc.has("_exportIds")
        && !doc.has("_importIds")) {
      return Scope.full();
    }
    Level level = Level.parse(doc.path("accessLevel").asText("manage"));
    return new Scope(
        null,
        grants(doc, "_integrationIds", level),
        grants(doc, "_connectionIds", level),
        grants(doc, "_exportIds", level),
        grants(doc, "_importIds", level));
  }

  private static Map<String, Level> grants(JsonNode doc, String field, Level level) {
    Map<String, Level> out = new HashMap<>();
    doc.path(field).forEach(id -> out.put(id.asText(), level));
    return out;
  }

  private static ArrayNode ids(
      JsonNode v,
      String field,
      String type,
      BiPredicate<String, String> exists,
      List<ErrorItem> problems) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (!v.isArray()) {
      problems.add(new ErrorItem("invalid_field", field + " must be an array of ids.", field));
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      String id = v.get(i).asText("");
      if (!v.get(i).isTextual() || !Ids.isId(id) || !exists.test(type, id)) {
        problems.add(
            new ErrorItem(
                "invalid_ref", "No " + type + " with id " + v.get(i) + ".", field + "." + i));
      } else {
        out.add(id);
      }
    }
    return out;
  }

  private static Long autoPurgeAt(ObjectNode in, long now, List<ErrorItem> problems) {
    String field =
        in.has("autoPurgeAt") ? "autoPurgeAt" : "expiresAt"; // expiresAt: our earlier name
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) return null;
    Long at = v.isTextual() ? Times.parse(v.asText()) : null;
    if (at == null)
      problems.add(
          new ErrorItem("invalid_field", field + " must be an ISO-8601 timestamp.", field));
    else if (at <= now)
      problems.add(new ErrorItem("invalid_field", field + " must be in the future.", field));
    return at;
  }

  private static void string(
      ObjectNode in, ObjectNode doc, String field, List<ErrorItem> problems) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) return;
    if (!v.isTextual())
      problems.add(new ErrorItem("invalid_field", field + " must be a string.", field));
    else doc.put(field, v.asText());
  }
}
