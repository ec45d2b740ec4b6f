package io.tributary.filters;

import static io.tributary.filters.Values.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.JsonPaths;
import io.tributary.filters.TransformRule.Copy;
import io.tributary.filters.TransformRule.PerElement;
import java.util.ArrayList;
import java.util.List;

/**
 * integrator.io's Transformation 1.0 (an export's {@code transform}, rules of {@code {"extract":
 * "a.b", "generate": "x.y"}} pairs), parsed once and safe to share.
 *
 * <p>Unmapped fields are dropped: the result holds only what the rules generate. Celigo's
 * documentation says so plainly ("you must extract all the fields you want to keep, even if you
 * only modify one. Only the fields listed in the Output section will be included", Transformation
 * 1.0 article); keeping fields is what Transformation 2.0's {@code modify} mode added.
 *
 * <p>{@code rules} is a list of rule groups. Several groups were Celigo's "chained transforms":
 * each group reads the record the previous group produced. Within a group every rule reads the
 * group's input, and a later rule writing the same field wins. An extract that finds nothing writes
 * nothing; a {@code null} it finds is written as {@code null}.
 */
public final class Transform {
  private final List<List<TransformRule>> groups;

  private Transform(List<List<TransformRule>> groups) {
    this.groups = groups;
  }

  /**
   * Accepts {@code {"type":"expression","expression":{"version":"1","rules":[[...]]}}} or the bare
   * rules array (groups, or one flat list of rule objects).
   *
   * @throws InvalidRuleException (an IllegalArgumentException) naming the problem and its location
   */
  public static Transform parse(JsonNode transform) {
    if (transform == null || transform.isMissingNode() || transform.isNull()) {
      throw new InvalidRuleException("transform", "a transform is required");
    }
    if (transform.isArray()) return new Transform(groups(transform, "rules"));
    if (!transform.isObject())
      throw new InvalidRuleException(
          "transform", "expected an object or a rules array, got " + transform);
    JsonNode type = transform.path("type");
    if (!Values.absent(type) && !"expression".equals(type.asText())) {
      throw new InvalidRuleException(
          "type", "\"" + type.asText() + "\" is not an expression transform");
    }
    JsonNode expression = transform.path("expression");
    if (!expression.isObject())
      throw new InvalidRuleException(
          "expression", "an expression transform needs an \"expression\" object");
    FilterExpression.checkVersion(expression.path("version"), "expression.version");
    JsonNode rules = expression.path("rules");
    if (!rules.isArray())
      throw new InvalidRuleException("expression.rules", "expected a rules array");
    return new Transform(groups(rules, "expression.rules"));
  }

  private static List<List<TransformRule>> groups(JsonNode rules, String at) {
    boolean flat = rules.size() > 0 && rules.get(0).isObject();
    if (flat) return List.of(group(rules, at));
    List<List<TransformRule>> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode g = rules.get(i);
      if (!g.isArray())
        throw new InvalidRuleException(
            at + "[" + i + "]", "expected a group (an array) of rules, got " + g);
      // An empty group is what an editor leaves behind; it is skipped rather than wiping the
      // record.
      if (!g.isEmpty()) out.add(group(g, at + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  private static List<TransformRule> group(JsonNode rules, String at) {
    List<TransformRule> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String where = at + "[" + i + "]";
      JsonNode r = rules.get(i);
      if (!r.isObject())
        throw new InvalidRuleException(
            where, "expected a rule {\"extract\": ..., \"generate\": ...}, got " + r);
      out.add(TransformRule.of(text(r, "extract", where), text(r, "generate", where), where));
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode rule, String field, String at) {
    JsonNode v = rule.path(field);
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new InvalidRuleException(at + "." + field, "a non-empty path string is required");
    }
    return v.textValue();
  }

  /**
   * A new record built from the rules; the input is never changed and shares no nodes with the
   * result. Without rules the record passes unchanged (copied).
   */
  public ObjectNode apply(JsonNode record) {
    JsonNode in = record == null ? MissingNode.getInstance() : record;
    if (groups.isEmpty()) return in.isObject() ? (ObjectNode) in.deepCopy() : NODES.objectNode();
    ObjectNode out = NODES.objectNode();
    for (List<TransformRule> group : groups) {
      out = NODES.objectNode();
      for (TransformRule rule : group) apply(rule, in, out);
      in = out;
    }
    return out;
  }

  private static void apply(TransformRule rule, JsonNode in, ObjectNode out) {
    switch (rule) {
      case Copy c -> {
        JsonNode v = JsonPaths.get(in, c.extract());
        if (!v.isMissingNode()) JsonPaths.set(out, c.generate(), v.deepCopy());
      }
      case PerElement p -> {
        JsonNode array = JsonPaths.get(in, p.source());
        if (!array.isArray()) return;
        for (int i = 0; i < array.size(); i++) {
          JsonNode v = JsonPaths.get(array.get(i), p.relative());
          if (!v.isMissingNode()) JsonPaths.set(out, p.target(i), v.deepCopy());
          else keepSlot(out, p, i);
        }
      }
    }
  }

  /**
   * Each source element gives exactly one output element, even when this rule finds nothing in it,
   * so {@code lines[i]} stays the image of {@code items[i]}: an empty object when the rule writes
   * into elements, {@code null} when the elements are the values themselves.
   */
  private static void keepSlot(ObjectNode out, PerElement p, int i) {
    String slot = p.before() + "[" + i + "]";
    JsonNode existing = JsonPaths.get(out, slot);
    if (!existing.isMissingNode() && !existing.isNull()) return;
    JsonPaths.set(out, slot, p.after().startsWith(".") ? NODES.objectNode() : NODES.nullNode());
  }
}
