package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Shape checks shared by the validators: wrong JSON types are 422s, never 5xx. */
public final class Checks {
  public enum Kind { STRING, BOOLEAN, NUMBER, INTEGER, OBJECT, ARRAY }

  private Checks() {}

  /** True when {@code parent.name} is present, not null and of the kind; reports a wrong kind. */
  public static boolean is(Validation v, JsonNode parent, String name, String field, Kind kind) {
    JsonNode n = parent == null ? null : parent.get(name);
    if (n == null || n.isNull()) return false;
    if (matches(n, kind)) return true;
    v.invalid(field, field + " must be " + article(kind));
    return false;
  }

  /** Like {@link #is}, but absence (or an empty string) is a missing_required_field problem. */
  public static boolean required(Validation v, JsonNode parent, String name, String field, Kind kind) {
    JsonNode n = parent == null ? null : parent.get(name);
    if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
      v.missing(field);
      return false;
    }
    return is(v, parent, name, field, kind);
  }

  /** Checks the kind of each listed top-level field that is present. */
  public static void kinds(Validation v, JsonNode doc, Map<String, Kind> fields) {
    fields.forEach((name, kind) -> is(v, doc, name, name, kind));
  }

  public static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  public static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  private static boolean matches(JsonNode n, Kind kind) {
    return switch (kind) {
      case STRING -> n.isTextual();
      case BOOLEAN -> n.isBoolean();
      case NUMBER -> n.isNumber();
      case INTEGER -> n.isIntegralNumber() || (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0);
      case OBJECT -> n.isObject();
      case ARRAY -> n.isArray();
    };
  }

  private static String article(Kind kind) {
    return switch (kind) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case INTEGER -> "an integer";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
    };
  }

  /** Declares every {@code _scriptId} anywhere in the document (hooks, filters, transforms) as a script reference. */
  public static void scriptRefs(Validation v, JsonNode node, String field) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        String p = path(field, e.getKey());
        if (e.getKey().equals("_scriptId")) v.reference(p, ResourceTypes.SCRIPTS, e.getValue());
        else scriptRefs(v, e.getValue(), p);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) scriptRefs(v, node.get(i), index(field, i));
    }
  }
}
