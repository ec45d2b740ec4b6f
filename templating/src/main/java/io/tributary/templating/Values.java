package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tributary.adaptors.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Conversions between what Handlebars hands helpers (JsonNodes, numbers, strings, maps) and JSON. */
final class Values {
  private Values() {}

  static JsonNode json(Object v) {
    if (v == null) return NullNode.getInstance();
    if (v instanceof JsonNode n) return n;
    return Json.MAPPER.valueToTree(v);
  }

  /** A value as integrator.io prints it: strings bare, numbers as JSON numbers, objects and arrays as JSON. */
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

  static BigDecimal number(Object v, String helper) {
    if (v instanceof BigDecimal d) return d;
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) throw notANumber(helper, v);
    if (v instanceof Number n) return new BigDecimal(n.toString());
    JsonNode n = json(v);
    if (n.isNumber()) return n.decimalValue();
    try {
      return new BigDecimal(text(v).trim());
    } catch (NumberFormatException e) {
      throw notANumber(helper, v);
    }
  }

  private static TemplateException notANumber(String helper, Object v) {
    return new TemplateException(helper + ": \"" + text(v) + "\" is not a number");
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
   * JavaScript truthiness, which integrator.io's #and, #or and #not use: unlike #if, an empty
   * array or object is true, and so is the string "0".
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

  /** Numbers as JavaScript prints them: no trailing zeros or ".0", no exponent. */
  static String plain(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }
}
