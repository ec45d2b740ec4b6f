package io.tributary.filters;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.resources.Validation;

/**
 * Save-time checks of the filters and transforms of exports and imports: a bad rule is a 422, not a
 * failed run.
 */
public final class RuleChecks {
  private RuleChecks() {}

  public static void filter(Validation v, JsonNode doc, String field) {
    JsonNode f = doc.get(field);
    if (!isExpression(f)) return;
    try {
      FilterExpression.parse(f);
    } catch (InvalidRuleException e) {
      v.invalid(field + "." + e.where(), e.getMessage());
    } catch (IllegalArgumentException e) {
      v.invalid(field, e.getMessage());
    }
  }

  /** A router branch's {@code inputFilter} at {@code at} ({@code routers[0].branches[1]}). */
  public static void branchFilter(Validation v, JsonNode branch, String at) {
    JsonNode f = branch.get("inputFilter");
    if (f == null || f.isNull()) return;
    String field = at + ".inputFilter";
    if (!f.isObject() && !f.isArray()) {
      v.invalid(field, field + " must be an object {version: \"1\", rules}");
      return;
    }
    try {
      FilterExpression.parseBranch(f);
    } catch (InvalidRuleException e) {
      v.invalid(field + "." + e.where(), e.getMessage());
    } catch (IllegalArgumentException e) {
      v.invalid(field, e.getMessage());
    }
  }

  public static void transform(Validation v, JsonNode doc, String field) {
    JsonNode t = doc.get(field);
    if (!isExpression(t) || "2".equals(t.path("expression").path("version").asText())) return;
    try {
      Transform.parse(t);
    } catch (InvalidRuleException e) {
      v.invalid(field + "." + e.where(), e.getMessage());
    } catch (IllegalArgumentException e) {
      v.invalid(field, e.getMessage());
    }
  }

  /** Expression rules only; script filters and transforms are checked by reference, elsewhere. */
  private static boolean isExpression(JsonNode n) {
    return n != null
        && n.isObject()
        && !"script".equals(n.path("type").asText())
        && n.has("expression");
  }
}
