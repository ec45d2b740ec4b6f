package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Handlebars;
import java.math.BigDecimal;

/**
 * Comparisons and conditions. Each works as a block ({@code {{#compare a "<"
 * b}}yes{{else}}no{{/compare}}}) and inline or in a subexpression, where it answers a boolean
 * ({@code {{#if (eq a b)}}}).
 */
final class LogicHelpers {
  private LogicHelpers() {}

  static void register(Handlebars hb) {
    define(hb, "eq", a -> a.block(looselyEqual(a.get(0), a.get(1))));
    define(
        hb,
        "compare",
        a -> {
          if (a.count() < 3)
            throw new TemplateException("compare: expected a value, an operator and a value");
          return a.block(compare(a.get(0), a.text(1), a.get(2)));
        });
    define(hb, "contains", a -> a.block(contains(a.get(0), a.get(1))));
    define(
        hb,
        "inArray",
        a -> a.block(Values.json(a.get(0)).isArray() && contains(a.get(0), a.get(1))));
    define(hb, "startsWith", a -> a.block(a.text(1).startsWith(a.text(0))));
    define(hb, "and", a -> a.block(a.all().stream().allMatch(Values::truthy)));
    define(hb, "or", a -> a.block(a.all().stream().anyMatch(Values::truthy)));
    define(hb, "not", a -> a.block(!Values.truthy(a.get(0))));
    define(hb, "neither", a -> a.block(a.all().stream().noneMatch(Values::truthy)));
    define(hb, "isEmpty", a -> a.block(isEmpty(a.get(0))));
    define(hb, "isTruthy", a -> Values.truthy(a.get(0)));
    define(hb, "isFalsey", a -> !Values.truthy(a.get(0)));
    define(hb, "typeOf", a -> typeOf(a.get(0)));
  }

  private static boolean isMissing(JsonNode n) {
    return n.isNull() || n.isMissingNode();
  }

  /**
   * JavaScript's {@code ==} for JSON values: "5" equals 5, true equals "true" is false, null equals
   * only null.
   */
  static boolean looselyEqual(Object a, Object b) {
    JsonNode x = Values.json(a);
    JsonNode y = Values.json(b);
    if (isMissing(x) || isMissing(y)) return isMissing(x) && isMissing(y);
    // As in JavaScript, a number or boolean on either side makes it a numeric comparison.
    if (x.isNumber() || y.isNumber() || x.isBoolean() || y.isBoolean()) {
      BigDecimal p = decimal(x);
      BigDecimal q = decimal(y);
      return p != null && q != null && p.compareTo(q) == 0;
    }
    return Values.text(x).equals(Values.text(y));
  }

  /** JavaScript's {@code ===}: same type and same value. */
  static boolean strictlyEqual(Object a, Object b) {
    JsonNode x = Values.json(a);
    JsonNode y = Values.json(b);
    if (x.isNumber() && y.isNumber()) return x.decimalValue().compareTo(y.decimalValue()) == 0;
    if (isMissing(x) || isMissing(y)) return x.getNodeType() == y.getNodeType();
    return x.getNodeType() == y.getNodeType() && x.equals(y);
  }

  private static BigDecimal decimal(JsonNode n) {
    if (n.isNumber()) return n.decimalValue();
    if (n.isBoolean()) return n.asBoolean() ? BigDecimal.ONE : BigDecimal.ZERO;
    String s = Values.text(n).trim();
    if (s.isEmpty()) return BigDecimal.ZERO;
    return io.tributary.adaptors.json.Numbers.parse(s).orElse(null);
  }

  /** Ordering compares numbers as numbers when both sides read as numbers, otherwise as text. */
  static boolean compare(Object a, String op, Object b) {
    return switch (op) {
      case "==" -> looselyEqual(a, b);
      case "===" -> strictlyEqual(a, b);
      case "!=" -> !looselyEqual(a, b);
      case "!==" -> !strictlyEqual(a, b);
      case "<" -> order(a, b) < 0;
      case "<=" -> order(a, b) <= 0;
      case ">" -> order(a, b) > 0;
      case ">=" -> order(a, b) >= 0;
      default ->
          throw new TemplateException(
              "compare: unknown operator \"" + op + "\" (use == === != !== < <= > >=)");
    };
  }

  private static int order(Object a, Object b) {
    JsonNode x = Values.json(a);
    JsonNode y = Values.json(b);
    BigDecimal p = x.isTextual() && x.asText().isBlank() ? null : decimal(x);
    BigDecimal q = y.isTextual() && y.asText().isBlank() ? null : decimal(y);
    if (p != null && q != null && !isMissing(x) && !isMissing(y)) return p.compareTo(q);
    return Values.text(x).compareTo(Values.text(y));
  }

  /** An element of an array equal to the value, or a substring of a string. */
  private static boolean contains(Object collection, Object value) {
    JsonNode hay = Values.json(collection);
    if (isMissing(hay)) return false;
    if (hay.isArray()) {
      for (JsonNode n : hay) {
        if (strictlyEqual(n, value)) return true;
      }
      return false;
    }
    return Values.text(hay).contains(Values.text(value));
  }

  private static boolean isEmpty(Object v) {
    JsonNode n = Values.json(v);
    return isMissing(n)
        || (n.isContainerNode() && n.isEmpty())
        || (n.isTextual() && n.asText().isEmpty());
  }

  private static String typeOf(Object v) {
    JsonNode n = Values.json(v);
    if (n.isMissingNode()) return "undefined";
    if (n.isNull() || n.isObject()) return "object";
    if (n.isArray()) return "array";
    if (n.isNumber()) return "number";
    if (n.isBoolean()) return "boolean";
    return "string";
  }
}
