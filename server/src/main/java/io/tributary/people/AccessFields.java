package io.tributary.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.access.Level;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.web.Json;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an administrator may set on a person, checked: {@code accessLevel}, {@code
 * integrationAccessLevel} (existing integrations, manage or monitor, each once), {@code disabled};
 * a person needs at least one of the two levels. Invitations also carry {@code email} and {@code
 * name}.
 */
record AccessFields(String email, ObjectNode doc) {
  private static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

  static AccessFields invite(JsonNode body, Predicate<String> integrationExists) {
    object(body);
    String email = body.path("email").asText("").trim().toLowerCase(Locale.ROOT);
    if (email.isEmpty())
      throw Problem.invalid("missing_required_field", "email is required", "email");
    if (email.length() > 320 || !email.matches(EMAIL))
      throw Problem.invalid("invalid_field", "email is not an email address", "email");
    ObjectNode doc = levels(body, integrationExists);
    JsonNode name = body.get("name");
    if (name != null && !name.isNull() && (!name.isTextual() || name.asText().length() > 200)) {
      throw Problem.invalid(
          "invalid_field", "name must be a string of at most 200 characters", "name");
    }
    doc.put(
        "name",
        name == null || name.isNull() || name.asText().isBlank() ? email : name.asText().trim());
    return new AccessFields(email, doc);
  }

  /** A PUT of a share: the levels and {@code disabled} are replaced, the name is kept. */
  static ObjectNode update(JsonNode body, ObjectNode before, Predicate<String> integrationExists) {
    object(body);
    ObjectNode doc = levels(body, integrationExists);
    JsonNode disabled = body.get("disabled");
    if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
      throw Problem.invalid("invalid_field", "disabled must be true or false", "disabled");
    }
    doc.put("disabled", disabled != null && disabled.asBoolean(false));
    doc.put("name", before.path("name").asText());
    return doc;
  }

  private static void object(JsonNode body) {
    if (!body.isObject())
      throw Problem.invalid("invalid_field", "The body must be a JSON object", null);
  }

  private static ObjectNode levels(JsonNode body, Predicate<String> integrationExists) {
    ObjectNode doc = Json.object();
    JsonNode level = body.get("accessLevel");
    if (level != null && !level.isNull()) {
      Level l = level.isTextual() ? Level.parse(level.asText()) : null;
      if (l == null || level.asText().equals("admin")) {
        throw Problem.invalid(
            "invalid_field", "accessLevel must be administrator, manage or monitor", "accessLevel");
      }
      doc.put("accessLevel", level.asText());
    }
    ArrayNode grants = doc.putArray("integrationAccessLevel");
    JsonNode list = body.get("integrationAccessLevel");
    if (list != null && !list.isNull() && !list.isArray()) {
      throw Problem.invalid(
          "invalid_field", "integrationAccessLevel must be an array", "integrationAccessLevel");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      String field = "integrationAccessLevel[" + i + "]";
      JsonNode g = list.get(i);
      String id = g.path("_integrationId").asText("");
      if (!Ids.isId(id) || !integrationExists.test(id)) {
        throw Problem.invalid(
            "invalid_ref",
            "Integration not found for the given id " + id,
            field + "._integrationId");
      }
      String gl = g.path("accessLevel").asText("");
      if (!gl.equals("manage") && !gl.equals("monitor")) {
        throw Problem.invalid(
            "invalid_field",
            "An integration's accessLevel must be manage or monitor",
            field + ".accessLevel");
      }
      if (!seen.add(id))
        throw Problem.invalid(
            "invalid_field", "Integration " + id + " is listed twice", field + "._integrationId");
      grants.addObject().put("_integrationId", id).put("accessLevel", gl);
    }
    if (!doc.has("accessLevel") && grants.isEmpty()) {
      throw Problem.invalid(
          "missing_required_field",
          "accessLevel or integrationAccessLevel is required",
          "accessLevel");
    }
    return doc;
  }
}
