package io.tributary.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bounds the decimals a client may store. A 13-byte {@code 1e300000000} is a valid BigDecimal, but
 * anything that later renders it in plain digits (templates, SQL parameters, {@code longValue})
 * turns it into gigabytes; no real document needs an exponent beyond a double's range.
 */
final class Numbers {
  static final int MAX_EXPONENT = 400;

  private Numbers() {}

  /** True when every decimal in {@code root} has an exponent within ±{@link #MAX_EXPONENT}. */
  static boolean bounded(JsonNode root) {
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      JsonNode n = todo.pop();
      if (n.isContainerNode()) n.forEach(todo::push);
      else if (n.isBigDecimal() && !bounded(n.decimalValue())) return false;
    }
    return true;
  }

  private static boolean bounded(BigDecimal d) {
    // The decimal exponent of unscaled * 10^-scale: precision - scale - 1 (long arithmetic: no
    // overflow).
    long exponent = (long) d.precision() - d.scale() - 1;
    return Math.abs(exponent) <= MAX_EXPONENT;
  }
}
