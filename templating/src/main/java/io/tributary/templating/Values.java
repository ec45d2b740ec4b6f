package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.json.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Conversions between what Handlebars hands helpers (JsonNodes, numbers, strings, maps) and JSON.
 */
final class Values {
  private Values() {}

  static JsonNode json(Object v) {
    if (v == null) return NullNode.getInstance();
    if (v instanceof JsonNode n) return n;
    return Json.MAPPER.valueToTree(v);
  }

  /**
   * A value as integrator.io prints it: strings bare, numbers as JSON numbers, objects and arrays
   * as JSON.
   */
  static String text(Object v) {
    if (v == null) return "";
    if (v instanceof CharSequence s) return s.toString();
    if (v instanceof JsonNode n) {
      if (n.isNull() || n.isMissingNode()) return "";
      if (n.isNumber()) return plain(n.decimalValue());
      return n.isValueNode() ? n.asText() : n.toString();
    }
    if (v instanceof Map<?, ?> || v instanceof Collection<?>) return json(v).toString();
    if (v instanceof BigDecimal d) return plain(d);
    if (v instanceof Double || v instanceof Float) return plain(new BigDecimal(v.toString()));
    return v.toString();
  }

  /**
   * A helper's numeric argument; numbers too large to compute with (see {@link Numbers}) are
   * refused.
   */
  static BigDecimal number(Object v, String helper) {
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) throw notANumber(helper, v);
    BigDecimal d = decimal(v, helper);
    if (!Numbers.bounded(d))
      throw new TemplateException(helper + ": the number " + Numbers.shown(d) + " is out of range");
    return d;
  }

  private static BigDecimal decimal(Object v, String helper) {
    if (v instanceof BigDecimal d) return d;
    if (v instanceof Number n) return new BigDecimal(n.toString());
    JsonNode n = json(v);
    if (n.isNumber()) return n.decimalValue();
    return Numbers.parse(text(v)).orElseThrow(() -> notANumber(helper, v));
  }

  private static TemplateException notANumber(String helper, Object v) {
    String shown = text(v);
    if (shown.length() > 80) shown = shown.substring(0, 77) + "...";
    return new TemplateException(helper + ": \"" + shown + "\" is not a number");
  }

  /** An array's elements; a missing value is no elements and any other value is one. */
  static List<JsonNode> list(Object v) {
    JsonNode n = json(v);
    if (n.isNull() || n.isMissingNode()) return List.of();
    if (!n.isArray()) return List.of(n);
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  /** Every argument, with arrays spread: integrator.io's math and join helpers accept both. */
  static List<JsonNode> flatten(List<Object> args) {
    List<JsonNode> out = new ArrayList<>();
    for (Object a : args) {
      JsonNode n = json(a);
      if (n.isArray()) n.forEach(out::add);
      else if (!n.isNull() && !n.isMissingNode()) out.add(n);
    }
    return out;
  }

  /**
   * JavaScript truthiness, which integrator.io's #and, #or and #not use: unlike #if, an empty array
   * or object is true, and so is the string "0".
   */
  static boolean truthy(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof CharSequence s) return !s.isEmpty();
    if (v instanceof Number n) return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
    JsonNode n = json(v);
    if (n.isNull() || n.isMissingNode()) return false;
    if (n.isBoolean()) return n.asBoolean();
    if (n.isNumber()) return n.decimalValue().signum() != 0;
    if (n.isTextual()) return !n.asText().isEmpty();
    return true;
  }

  /**
   * Numbers as JavaScript prints them: no trailing zeros or ".0", no exponent. A number whose full
   * form would run past {@link Numbers#MAX_DIGITS} digits is refused: its record fails, alone.
   */
  static String plain(BigDecimal d) {
    if (d.signum() == 0) return "0";
    BigDecimal s = d.stripTrailingZeros();
    if (!Numbers.bounded(s))
      throw new TemplateException("the number " + Numbers.shown(s) + " is too large to print");
    return s.toPlainString();
  }
}
