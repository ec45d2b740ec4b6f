package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tributary.web.Json;
import java.math.BigDecimal;
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

  static String text(Object v) {
    if (v == null) return "";
    if (v instanceof JsonNode n) return n.isValueNode() ? n.asText() : n.toString();
    if (v instanceof Map<?, ?> || v instanceof Collection<?>) return json(v).toString();
    if (v instanceof BigDecimal d) return plain(d);
    if (v instanceof Double || v instanceof Float) return plain(new BigDecimal(v.toString()));
    return v.toString();
  }

  static BigDecimal number(Object v, String helper) {
    if (v instanceof BigDecimal d) return d;
    if (v instanceof Number n) return new BigDecimal(n.toString());
    JsonNode n = json(v);
    if (n.isNumber()) return n.decimalValue();
    try {
      return new BigDecimal(text(v).trim());
    } catch (NumberFormatException e) {
      throw new TemplateException(helper + ": \"" + text(v) + "\" is not a number");
    }
  }

  static List<JsonNode> list(Object v) {
    JsonNode n = json(v);
    if (n.isNull() || n.isMissingNode()) return List.of();
    if (!n.isArray()) return List.of(n);
    List<JsonNode> out = new java.util.ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  static boolean truthy(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof CharSequence s) return !s.isEmpty();
    if (v instanceof Number n) return n.doubleValue() != 0;
    if (v instanceof Collection<?> c) return !c.isEmpty();
    JsonNode n = json(v);
    if (n.isNull() || n.isMissingNode()) return false;
    if (n.isBoolean()) return n.asBoolean();
    if (n.isNumber()) return n.doubleValue() != 0;
    if (n.isTextual()) return !n.asText().isEmpty();
    if (n.isArray()) return !n.isEmpty();
    return true;
  }

  /** Numbers as JavaScript prints them: no trailing ".0", no exponent for ordinary values. */
  static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.toPlainString() : s.toPlainString();
  }
}
