package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Handlebars;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * Arithmetic on exact decimals, so that money adds up ({@code add 0.1 0.2} is 0.3); numbers in text
 * ("33") count as numbers, as in integrator.io.
 */
final class MathHelpers {
  private MathHelpers() {}

  static void register(Handlebars hb) {
    define(hb, "add", a -> sum(a));
    define(hb, "sum", a -> sum(a));
    define(hb, "avg", MathHelpers::avg);
    define(hb, "subtract", a -> a.number(0).subtract(a.number(1)));
    define(hb, "multiply", a -> a.number(0).multiply(a.number(1)));
    define(hb, "divide", a -> a.number(0).divide(divisor(a), MathContext.DECIMAL64));
    define(hb, "modulo", a -> a.number(0).remainder(divisor(a)));
    define(hb, "abs", a -> a.number(0).abs());
    define(hb, "ceil", a -> a.number(0).setScale(0, RoundingMode.CEILING));
    define(hb, "floor", a -> a.number(0).setScale(0, RoundingMode.FLOOR));
    define(
        hb,
        "round",
        a -> {
          int digits = a.integer(1, 0);
          if (digits < -100 || digits > 100)
            throw new TemplateException(
                "round: digits must be between -100 and 100, not " + digits);
          return round(a.number(0), digits);
        });
    define(
        hb,
        "toFixed",
        a -> {
          int digits = a.integer(1, 0);
          if (digits < 0 || digits > 100)
            throw new TemplateException("toFixed: digits must be between 0 and 100, not " + digits);
          return round(a.number(0), digits)
              .setScale(digits, RoundingMode.UNNECESSARY)
              .toPlainString();
        });
  }

  private static BigDecimal divisor(Args a) {
    BigDecimal d = a.number(1);
    if (d.signum() == 0) throw new TemplateException(a.helper() + ": division by zero");
    return d;
  }

  /** Math.round's rule: halves go up (2.5 to 3, -2.5 to -2), at {@code digits} decimals. */
  static BigDecimal round(BigDecimal v, int digits) {
    return v.add(BigDecimal.valueOf(5, digits + 1)).setScale(digits, RoundingMode.FLOOR);
  }

  private static List<JsonNode> numbers(Args a) {
    return Values.flatten(a.all());
  }

  /** Every argument added; an array argument adds its elements. */
  private static BigDecimal sum(Args a) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode n : numbers(a)) total = total.add(Values.number(n, a.helper()));
    return total;
  }

  private static BigDecimal avg(Args a) {
    List<JsonNode> all = numbers(a);
    if (all.isEmpty()) return BigDecimal.ZERO;
    return sum(a).divide(BigDecimal.valueOf(all.size()), MathContext.DECIMAL64);
  }
}
