package io.tributary.filters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An integrator.io expression filter (version 1): a rule in prefix notation, such as {@code ["and",
 * ["notempty", ["extract", "email"]], ["greaterthan", ["number", ["extract", "amount"]], 100]]},
 * that decides whether a record goes on. Parsed once when the export, import or router is saved;
 * immutable and safe to share between threads afterwards.
 *
 * <p>The semantics, where integrator.io's documentation is silent, are decided and explained in
 * {@link Values} (comparisons), {@link Conversions} (coercions and transforms) and {@link
 * Evaluator} (text tests, matches, anyof).
 */
public final class FilterExpression {
  private final Expr rule; // null: no rules, every record passes

  private FilterExpression(Expr rule) {
    this.rule = rule;
  }

  /**
   * Accepts the whole filter object {@code {"type":"expression","expression":{"version":"1",
   * "rules":[...]}}} or the bare rules array. Empty rules (what an editor saves when the last rule
   * is removed) make a filter that passes every record.
   *
   * @throws InvalidRuleException (an IllegalArgumentException) naming the problem and its location,
   *     e.g. {@code expression.rules[1][0]: unknown operator "equal"}
   */
  public static FilterExpression parse(JsonNode filter) {
    if (filter == null || filter.isMissingNode() || filter.isNull()) {
      throw new InvalidRuleException("filter", "a filter is required");
    }
    if (filter.isArray()) return of(filter, "rules");
    if (!filter.isObject())
      throw new InvalidRuleException(
          "filter", "expected an object or a rules array, got " + filter);
    JsonNode type = filter.path("type");
    if (!Values.absent(type) && !"expression".equals(type.asText())) {
      throw new InvalidRuleException(
          "type", "\"" + type.asText() + "\" is not an expression filter");
    }
    JsonNode expression = filter.path("expression");
    if (!expression.isObject())
      throw new InvalidRuleException(
          "expression", "an expression filter needs an \"expression\" object");
    checkVersion(expression.path("version"), "expression.version");
    JsonNode rules = expression.path("rules");
    if (!rules.isArray())
      throw new InvalidRuleException("expression.rules", "expected a rules array");
    return of(rules, "expression.rules");
  }

  /**
   * A router branch's {@code inputFilter}: {@code {"version":"1","rules":[...]}} as integrator.io
   * saves it, or a whole expression filter. Empty rules (or none) pass every record.
   */
  public static FilterExpression parseBranch(JsonNode inputFilter) {
    if (inputFilter != null && inputFilter.isObject() && !inputFilter.has("expression")) {
      checkVersion(inputFilter.path("version"), "version");
      JsonNode rules = inputFilter.path("rules");
      if (Values.absent(rules)) return new FilterExpression(null);
      if (!rules.isArray()) throw new InvalidRuleException("rules", "expected a rules array");
      return of(rules, "rules");
    }
    return parse(inputFilter);
  }

  /** Version "1" is the only version of filter expressions; a missing version means it. */
  static void checkVersion(JsonNode version, String at) {
    if (Values.absent(version)) return;
    boolean one =
        version.isTextual()
            ? version.textValue().equals("1")
            : version.isIntegralNumber() && version.asInt() == 1;
    if (!one) throw new InvalidRuleException(at, "only version \"1\" is supported, got " + version);
  }

  private static FilterExpression of(JsonNode rules, String at) {
    return new FilterExpression(rules.isEmpty() ? null : RuleParser.condition(rules, at));
  }

  /**
   * Whether the record passes.
   *
   * @param settings the object read by {@code ["settings", "flow.x"]}, shaped {@code {"flow":
   *     {...}, "integration": {...}, "export": {...}, ...}}; may be null
   * @throws FilterEvaluationException when this record cannot be judged (a value that does not
   *     convert, a regex from a setting that does not compile): a record error, not a crash
   */
  public boolean test(JsonNode record, JsonNode settings) {
    if (rule == null) return true;
    JsonNode r = record == null ? MissingNode.getInstance() : record;
    JsonNode s = settings == null ? MissingNode.getInstance() : settings;
    return new Evaluator(r, s).test(rule);
  }
}
