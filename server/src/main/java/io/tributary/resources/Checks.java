package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.scripting.ScriptFunctions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** Shape checks shared by the validators: wrong JSON types are 422s, never 5xx. */
public final class Checks {
  public enum Kind {
    STRING,
    BOOLEAN,
    NUMBER,
    INTEGER,
    OBJECT,
    ARRAY
  }

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
  public static boolean required(
      Validation v, JsonNode parent, String name, String field, Kind kind) {
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
      case INTEGER ->
          n.isIntegralNumber()
              || (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0);
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

  /**
   * Declares every {@code _scriptId} anywhere in the document (hooks, filters, transforms) as a
   * script reference. Walks with its own stack: a document's depth must not decide the thread's.
   */
  public static void scriptRefs(Validation v, JsonNode node, String field) {
    Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
    todo.push(Map.entry(field, node));
    List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
    while (!todo.isEmpty()) {
      Map.Entry<String, JsonNode> at = todo.pop();
      JsonNode n = at.getValue();
      children.clear();
      if (n.isObject()) {
        n.fields()
            .forEachRemaining(
                e -> {
                  String p = path(at.getKey(), e.getKey());
                  if (e.getKey().equals("_scriptId"))
                    v.reference(p, ResourceTypes.SCRIPTS, e.getValue())
                        .ifPresent(script -> function(v, n, script, at.getKey()));
                  else children.add(Map.entry(p, e.getValue()));
                });
      } else if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) children.add(Map.entry(index(at.getKey(), i), n.get(i)));
      }
      // Pushed in reverse so references are declared in document order, as the recursive walk did.
      for (int i = children.size() - 1; i >= 0; i--) todo.push(children.get(i));
    }
  }

  /**
   * A script reference's {@code function} must be declared by the script (D21: {@code invalid_ref}
   * at save time).
   */
  private static void function(Validation v, JsonNode ref, JsonNode script, String field) {
    JsonNode fn = ref.get("function");
    if (fn == null || !fn.isTextual()) return;
    if (!ScriptFunctions.declares(script.path("content").asText(""), fn.asText()))
      v.problem(
          "invalid_ref",
          "The script " + ref.get("_scriptId").asText() + " declares no function " + fn.asText(),
          path(field, "function"));
  }

  /**
   * The elements of {@code node} when it is an array; nothing otherwise (its kind is reported
   * elsewhere).
   */
  public static Iterable<JsonNode> elements(JsonNode node) {
    return node != null && node.isArray() ? node : List.of();
  }

  /**
   * True when {@code root} nests no deeper than {@code max} containers, counted without recursion.
   */
  public static boolean depthWithin(JsonNode root, int max) {
    Deque<Map.Entry<JsonNode, Integer>> todo = new ArrayDeque<>();
    todo.push(Map.entry(root, 1));
    while (!todo.isEmpty()) {
      Map.Entry<JsonNode, Integer> at = todo.pop();
      if (!at.getKey().isContainerNode()) continue;
      if (at.getValue() > max) return false;
      for (JsonNode child : at.getKey()) todo.push(Map.entry(child, at.getValue() + 1));
    }
    return true;
  }
}
