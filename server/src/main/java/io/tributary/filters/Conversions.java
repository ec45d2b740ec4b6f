package io.tributary.filters;

import static io.tributary.filters.Values.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.tributary.filters.Expr.Conversion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Coercions and transforms. Decisions where integrator.io's documentation is silent:
 *
 * <ul>
 *   <li>No value stays no value (so {@code empty} still sees it and comparisons are false), except
 *       {@code string}, which gives {@code ""} (Celigo's own example tests a field is set with
 *       {@code ["notequals", ["string", ["extract", f]], ""]}) and {@code boolean}, which gives
 *       false.
 *   <li>An empty string is no value for {@code number}, {@code epochtime} and the numeric
 *       transforms: a blank cell is not zero.
 *   <li>A value that cannot be converted ({@code number} of {@code "n/a"}) throws {@link
 *       FilterEvaluationException}: the record is in error, not silently filtered.
 *   <li>Applied to an array, every conversion but {@code boolean} converts each element, so {@code
 *       ["lowercase", ["extract", "tags[*]"]]} can feed {@code anyof}.
 * </ul>
 */
final class Conversions {
  private Conversions() {}

  static JsonNode apply(Conversion kind, JsonNode v, String at) {
    if (v.isArray() && kind != Conversion.BOOLEAN) {
      ArrayNode out = NODES.arrayNode(v.size());
      for (JsonNode e : v) out.add(one(kind, e, at));
      return out;
    }
    return one(kind, v, at);
  }

  private static JsonNode one(Conversion kind, JsonNode v, String at) {
    return switch (kind) {
      case STRING -> NODES.textNode(Values.absent(v) ? "" : Values.text(v));
      case BOOLEAN -> NODES.booleanNode(truth(v, at));
      case NUMBER, FLOOR, CEILING, ABS -> {
        Optional<BigDecimal> d = numberOrNone(v, kind, at);
        if (d.isPresent()) yield Values.number(round(kind, d.get()));
        yield Values.absent(v) ? v : NODES.nullNode();
      }
      case EPOCHTIME -> epochtime(v, at);
      case LOWERCASE, UPPERCASE -> {
        if (Values.absent(v)) yield v;
        if (v.isContainerNode()) throw fail(at, kind, v, "is not text");
        String t = Values.text(v);
        yield NODES.textNode(
            kind == Conversion.LOWERCASE ? t.toLowerCase(Locale.ROOT) : t.toUpperCase(Locale.ROOT));
      }
    };
  }

  /**
   * Booleans as themselves, numbers by zero/non-zero, and the strings spreadsheets and forms write
   * for yes and no. JavaScript's rule that every non-empty string is true (so {@code "false"} is
   * true) would silently pass the records a user meant to drop; any other string is an error.
   */
  static boolean truth(JsonNode v, String at) {
    if (Values.absent(v)) return false;
    if (v.isBoolean()) return v.booleanValue();
    if (v.isNumber()) return Values.numeric(v).map(d -> d.signum() != 0).orElse(false);
    if (v.isArray()) return !v.isEmpty();
    if (v.isTextual()) {
      return switch (v.textValue().trim().toLowerCase(Locale.ROOT)) {
        case "true", "1", "yes", "y" -> true;
        case "false", "0", "no", "n", "" -> false;
        default -> throw fail(at, Conversion.BOOLEAN, v, "is not a boolean");
      };
    }
    throw fail(at, Conversion.BOOLEAN, v, "is not a boolean");
  }

  /** The number in v, empty for no value or an empty string; throws for anything else. */
  private static Optional<BigDecimal> numberOrNone(JsonNode v, Conversion kind, String at) {
    if (Values.absent(v) || v.isTextual() && v.textValue().isBlank()) return Optional.empty();
    if (v.isBoolean()) return Optional.of(v.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO);
    Optional<BigDecimal> d = Values.numeric(v);
    if (d.isEmpty()) throw fail(at, kind, v, "is not a number");
    return d;
  }

  private static BigDecimal round(Conversion kind, BigDecimal d) {
    return switch (kind) {
      case FLOOR -> d.setScale(0, RoundingMode.FLOOR);
      case CEILING -> d.setScale(0, RoundingMode.CEILING);
      case ABS -> d.abs();
      default -> d;
    };
  }

  private static JsonNode epochtime(JsonNode v, String at) {
    if (Values.absent(v) || v.isTextual() && v.textValue().isBlank()) return NODES.nullNode();
    Optional<BigDecimal> n = Values.numeric(v);
    if (n.isPresent()) return Values.number(n.get()); // already milliseconds
    if (v.isTextual()) {
      OptionalLong ms = EpochTime.parse(v.textValue());
      if (ms.isPresent()) return NODES.numberNode(ms.getAsLong());
    }
    throw fail(at, Conversion.EPOCHTIME, v, "is not a date");
  }

  private static FilterEvaluationException fail(
      String at, Conversion kind, JsonNode v, String why) {
    String shown = v.toString();
    if (shown.length() > 80) shown = shown.substring(0, 77) + "...";
    return new FilterEvaluationException(
        at + ": " + kind.name().toLowerCase(Locale.ROOT) + ": " + shown + " " + why);
  }
}
