package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Rewrites the references of a document between ids (the server's form) and names (the files' form,
 * {@code "connection:My CRM"}). References are the fields the server checks as references: {@code
 * _integrationId}, {@code _connectionId}, {@code _exportId}, {@code _importId}, {@code _scriptId},
 * {@code _flowId}, {@code _borrowConcurrencyFromConnectionId}, {@code _flowGroupingId} wherever
 * they are, and the lists {@code _runNextFlowIds} and {@code _registeredConnectionIds}.
 */
final class References {
  private static final Map<String, Kind> SINGLE =
      Map.of(
          "_integrationId", Kind.INTEGRATION,
          "_connectionId", Kind.CONNECTION,
          "_borrowConcurrencyFromConnectionId", Kind.CONNECTION,
          "_exportId", Kind.EXPORT,
          "_importId", Kind.IMPORT,
          "_scriptId", Kind.SCRIPT,
          "_flowId", Kind.FLOW,
          "_flowGroupingId", Kind.FLOW_GROUPING);
  private static final Map<String, Kind> LISTS =
      Map.of("_runNextFlowIds", Kind.FLOW, "_registeredConnectionIds", Kind.CONNECTION);

  private References() {}

  /**
   * Calls {@code change} with (expected kind, value) for every reference value and puts back what
   * it answers; {@code topField} receives the top-level field each reference sits under.
   */
  static void rewrite(ObjectNode doc, Rewriter change) {
    List<Map.Entry<String, JsonNode>> top = new ArrayList<>();
    doc.fields().forEachRemaining(top::add);
    for (var e : top) walk(doc, e.getKey(), e.getValue(), e.getKey(), change);
  }

  /** What a rewrite does to one reference value, knowing the top-level field it lies under. */
  @FunctionalInterface
  interface Rewriter {
    JsonNode apply(Kind expected, JsonNode value, String topField);
  }

  static Rewriter simple(BiFunction<Kind, JsonNode, JsonNode> f) {
    return (kind, value, top) -> f.apply(kind, value);
  }

  private static void walk(
      JsonNode parent, String name, JsonNode value, String top, Rewriter change) {
    Kind single = name == null ? null : SINGLE.get(name);
    Kind list = name == null ? null : LISTS.get(name);
    if (single != null && value.isTextual() && parent instanceof ObjectNode o) {
      o.set(name, change.apply(single, value, top));
      return;
    }
    if (list != null && value instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++)
        if (a.get(i).isTextual()) a.set(i, change.apply(list, a.get(i), top));
      return;
    }
    if (value instanceof ObjectNode o) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); )
        fields.add(it.next());
      for (var f : fields) walk(o, f.getKey(), f.getValue(), top, change);
    } else if (value instanceof ArrayNode a) {
      for (JsonNode item : a) if (item.isContainerNode()) walk(a, null, item, top, change);
    }
  }

  /** {@code "kind:key"}. */
  static TextNode named(Kind kind, String key) {
    return new TextNode(kind.prefix + ":" + key);
  }

  /** The kind and key of a {@code "kind:key"} reference, or null when it is not one (an id). */
  static Name parse(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0) return null;
    Kind k = Kind.byPrefix(value.substring(0, colon));
    return k == null ? null : new Name(k, value.substring(colon + 1));
  }

  record Name(Kind kind, String key) {}
}
