package io.tributary.filters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tributary.adaptors.json.Numbers;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How rule values compare. integrator.io runs its rules in JavaScript; we keep the parts of that
 * behaviour users rely on and drop its accidents:
 *
 * <ul>
 *   <li>A missing field and {@code null} are the same "no value"; it equals only another no value
 *       and is neither greater nor less than anything, so every ordering test on it is false.
 *   <li>A number and a string that is wholly a number ({@code " 10.0 "}) compare as numbers, as
 *       JavaScript's {@code "10" > 9} does. Other strings never equal or order against a number.
 *       Two strings compare as strings ({@code "10" != "10.0"}), by UTF-16 code units, as in
 *       JavaScript, which also makes ISO-8601 timestamps of one format order correctly.
 *   <li>Booleans only equal booleans and do not order. Arrays and objects equal when their JSON
 *       equals, numbers inside compared by value.
 * </ul>
 */
final class Values {
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Comparator<JsonNode> SAME = (a, b) -> same(a, b) ? 0 : 1;

  private Values() {}

  static boolean absent(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull();
  }

  /**
   * {@code empty}: no value, an empty string, an empty array or an empty object. Blanks are a
   * value.
   */
  static boolean isEmpty(JsonNode n) {
    if (absent(n)) return true;
    if (n.isTextual()) return n.textValue().isEmpty();
    return n.isContainerNode() && n.isEmpty();
  }

  /**
   * The number a node holds, or that a string spells in full; empty for anything else, and for
   * numbers too large to compute with or print in full ({@link Numbers}).
   */
  static Optional<BigDecimal> numeric(JsonNode n) {
    if (n == null) return Optional.empty();
    if (n.isNumber()) {
      if ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue()))
        return Optional.empty();
      BigDecimal d = n.decimalValue();
      return Numbers.bounded(d) ? Optional.of(d) : Optional.empty();
    }
    if (!n.isTextual()) return Optional.empty();
    return Numbers.parse(n.textValue());
  }

  /**
   * A scalar as text, null for no value. Numbers print as JavaScript would print them ({@code 1.50}
   * gives {@code "1.5"}); arrays and objects give their JSON.
   */
  static String text(JsonNode n) {
    if (absent(n)) return null;
    if (n.isTextual()) return n.textValue();
    if (n.isNumber())
      return numeric(n).map(d -> d.stripTrailingZeros().toPlainString()).orElse(n.asText());
    if (n.isValueNode()) return n.asText();
    return n.toString();
  }

  /** A number node, integral values as plain integers so they read and print naturally. */
  static JsonNode number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    if (s.scale() <= 0 && s.precision() - s.scale() <= 18)
      return NODES.numberNode(s.longValueExact());
    return NODES.numberNode(s);
  }

  static boolean same(JsonNode a, JsonNode b) {
    if (absent(a) || absent(b)) return absent(a) && absent(b);
    if (a.isNumber() || b.isNumber()) {
      Optional<BigDecimal> x = numeric(a);
      Optional<BigDecimal> y = numeric(b);
      return x.isPresent() && y.isPresent() && x.get().compareTo(y.get()) == 0;
    }
    if (a.isContainerNode() || b.isContainerNode()) return a.equals(SAME, b);
    return a.equals(b);
  }

  /** The sign of a − b, or empty when the two have no order (no value, booleans, mixed kinds). */
  static OptionalInt order(JsonNode a, JsonNode b) {
    if (absent(a) || absent(b)) return OptionalInt.empty();
    if (a.isNumber() || b.isNumber()) {
      Optional<BigDecimal> x = numeric(a);
      Optional<BigDecimal> y = numeric(b);
      if (x.isEmpty() || y.isEmpty()) return OptionalInt.empty();
      return OptionalInt.of(Integer.signum(x.get().compareTo(y.get())));
    }
    if (a.isTextual() && b.isTextual())
      return OptionalInt.of(Integer.signum(a.textValue().compareTo(b.textValue())));
    return OptionalInt.empty();
  }
}
