package io.tributary.adaptors.json;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Bounds on numbers from data. A 13-byte {@code 1e300000000} is a valid JSON number, but written
 * out in full, rounded or scaled it becomes 300 million digits: whatever prints, rounds or parses a
 * number from a record goes through here, so such a record fails alone instead of taking the
 * server's memory.
 */
public final class Numbers {
  /**
   * Digits on either side of the point a number may have written out in full (a double needs at
   * most 309 and 324).
   */
  public static final int MAX_DIGITS = 1100;

  /** Longest text read as a number (parsing very long digit strings costs quadratic time). */
  public static final int MAX_TEXT = 1200;

  private Numbers() {}

  /**
   * Whether {@code d} written without an exponent stays within {@link #MAX_DIGITS} digits on either
   * side of the point.
   */
  public static boolean bounded(BigDecimal d) {
    if (d.signum() == 0) return true;
    long whole = (long) d.precision() - d.scale();
    return whole <= MAX_DIGITS && d.scale() <= MAX_DIGITS;
  }

  /** The number a text spells, when it does and is {@link #bounded}; empty otherwise. */
  public static Optional<BigDecimal> parse(String text) {
    String s = text.trim();
    if (s.isEmpty() || s.length() > MAX_TEXT) return Optional.empty();
    try {
      BigDecimal d = new BigDecimal(s);
      return bounded(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The number as its start shows it, for messages ({@code 1E+300000000}, never its full form). */
  public static String shown(BigDecimal d) {
    String s = d.toString();
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
