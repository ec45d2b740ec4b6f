package io.tributary.filters;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.filters.Expr.And;
import io.tributary.filters.Expr.AnyOf;
import io.tributary.filters.Expr.Compare;
import io.tributary.filters.Expr.Comparison;
import io.tributary.filters.Expr.Conversion;
import io.tributary.filters.Expr.Convert;
import io.tributary.filters.Expr.Emptiness;
import io.tributary.filters.Expr.Extract;
import io.tributary.filters.Expr.Literal;
import io.tributary.filters.Expr.Matches;
import io.tributary.filters.Expr.Not;
import io.tributary.filters.Expr.Or;
import io.tributary.filters.Expr.Setting;
import io.tributary.filters.Expr.TextOp;
import io.tributary.filters.Expr.TextTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a prefix-notation rules array into an {@link Expr}. Every refusal is an
 * IllegalArgumentException whose message starts with the JSON location of the offending element
 * ({@code rules[2][1]}), so the API can answer 422 at save time and the user can find the mistake.
 *
 * <p>Operator names are matched exactly (lowercase): integrator.io documents that {@code
 * isNotEmpty} or {@code NOTEMPTY} silently fail there, and refusing them at save time is kinder
 * than that.
 */
final class RuleParser {
  private RuleParser() {}

  /** A position whose value decides a record: the top of the rules, or an operand of and/or/not. */
  static Expr condition(JsonNode node, String at) {
    if (node.isBoolean()) return new Literal(node);
    if (!node.isArray()) {
      throw bad(
          at,
          "expected a rule such as [\"equals\", [\"extract\", \"field\"], \"value\"], got " + node);
    }
    Expr e = expression(node, at);
    // A bare value here (["extract", "isActive"]) is read with the boolean coercion, which says
    // clearly when a value cannot be a boolean instead of guessing at JavaScript truthiness.
    return isBoolean(e) ? e : new Convert(Conversion.BOOLEAN, e, at);
  }

  /** A position that takes a value: a literal or a nested rule. */
  static Expr operand(JsonNode node, String at) {
    if (node.isArray()) return expression(node, at);
    if (node.isObject())
      throw bad(at, "an operand is a string, number, boolean, null or a rule array, not an object");
    return new Literal(node);
  }

  static Expr expression(JsonNode array, String at) {
    if (array.isEmpty()) throw bad(at, "a rule cannot be an empty array");
    JsonNode head = array.get(0);
    if (!head.isTextual()) throw bad(at, "a rule starts with an operator name, got " + head);
    String op = head.textValue();
    return switch (op) {
      case "and", "or" -> logic(op, array, at);
      case "not" -> new Not(condition(args(array, at, 1).get(0), at + "[1]"));
      case "equals",
          "notequals",
          "greaterthan",
          "greaterthanequals",
          "lessthan",
          "lessthanequals" -> {
        List<JsonNode> a = args(array, at, 2);
        yield new Compare(
            Comparison.valueOf(upper(op)),
            operand(a.get(0), at + "[1]"),
            operand(a.get(1), at + "[2]"));
      }
      case "contains", "doesnotcontain", "startswith", "endswith" -> {
        List<JsonNode> a = args(array, at, 2);
        yield new TextTest(
            TextOp.valueOf(upper(op)),
            operand(a.get(0), at + "[1]"),
            operand(a.get(1), at + "[2]"));
      }
      case "matches" -> matches(args(array, at, 2), at);
      case "anyof" -> {
        List<JsonNode> a = args(array, at, 2);
        yield new AnyOf(operand(a.get(0), at + "[1]"), candidates(a.get(1), at + "[2]"));
      }
      case "empty", "isempty", "notempty", "isnotempty" ->
          new Emptiness(!op.contains("not"), operand(args(array, at, 1).get(0), at + "[1]"));
      case "extract" -> new Extract(path(op, args(array, at, 1).get(0), at));
      case "settings" -> new Setting(path(op, args(array, at, 1).get(0), at));
      case "number",
          "string",
          "boolean",
          "epochtime",
          "lowercase",
          "uppercase",
          "floor",
          "ceiling",
          "abs" ->
          new Convert(
              Conversion.valueOf(upper(op)), operand(args(array, at, 1).get(0), at + "[1]"), at);
      default -> throw bad(at, "unknown operator \"" + op + "\"");
    };
  }

  private static Expr logic(String op, JsonNode array, String at) {
    if (array.size() < 2) throw bad(at, "\"" + op + "\" takes at least 1 operand, got 0");
    List<Expr> operands = new ArrayList<>();
    for (int i = 1; i < array.size(); i++)
      operands.add(condition(array.get(i), at + "[" + i + "]"));
    return op.equals("and") ? new And(List.copyOf(operands)) : new Or(List.copyOf(operands));
  }

  private static Expr matches(List<JsonNode> a, String at) {
    Expr subject = operand(a.get(0), at + "[1]");
    Expr pattern = operand(a.get(1), at + "[2]");
    if (!(pattern instanceof Literal l)) return new Matches(subject, pattern, null, at);
    if (!l.value().isTextual() && !l.value().isNumber()) {
      throw bad(at + "[2]", "the pattern of \"matches\" must be a string, got " + l.value());
    }
    try {
      return new Matches(subject, pattern, Pattern.compile(l.value().asText()), at);
    } catch (PatternSyntaxException e) {
      throw bad(
          at + "[2]",
          "invalid regular expression \"" + l.value().asText() + "\": " + e.getDescription());
    }
  }

  /**
   * The list side of {@code anyof}. integrator.io writes it as a plain JSON array ({@code
   * ["Urgent", "High Priority"]}), which looks like a rule. It is read as a rule only when it
   * clearly is one: an accessor, or a coercion/transform applied to a nested rule. A list such as
   * {@code ["number", "string"]} therefore stays a list of two strings.
   */
  private static Expr candidates(JsonNode node, String at) {
    if (!node.isArray() || looksLikeRule(node)) return operand(node, at);
    for (int i = 0; i < node.size(); i++) {
      JsonNode e = node.get(i);
      if (e.isContainerNode())
        throw bad(
            at + "[" + i + "]",
            "a value of an anyof list must be a string, number, boolean or null");
    }
    return new Literal(node);
  }

  private static boolean looksLikeRule(JsonNode array) {
    if (array.isEmpty() || !array.get(0).isTextual()) return false;
    return switch (array.get(0).textValue()) {
      case "extract", "settings" -> true;
      case "number",
          "string",
          "boolean",
          "epochtime",
          "lowercase",
          "uppercase",
          "floor",
          "ceiling",
          "abs" ->
          array.size() == 2 && array.get(1).isArray();
      default -> false;
    };
  }

  private static String path(String op, JsonNode node, String at) {
    if (!node.isTextual()) throw bad(at + "[1]", "\"" + op + "\" takes a path string, got " + node);
    return FieldPaths.checked(node.textValue(), at + "[1]");
  }

  private static List<JsonNode> args(JsonNode array, String at, int n) {
    int got = array.size() - 1;
    if (got != n) {
      String op = array.get(0).textValue();
      throw bad(
          at, "\"" + op + "\" takes " + n + " operand" + (n == 1 ? "" : "s") + ", got " + got);
    }
    List<JsonNode> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) out.add(array.get(i));
    return out;
  }

  private static boolean isBoolean(Expr e) {
    return switch (e) {
      case Compare c -> true;
      case TextTest t -> true;
      case Matches m -> true;
      case AnyOf a -> true;
      case Emptiness em -> true;
      case And a -> true;
      case Or o -> true;
      case Not n -> true;
      case Convert c -> c.kind() == Conversion.BOOLEAN;
      case Literal l -> l.value().isBoolean();
      case Extract x -> false;
      case Setting s -> false;
    };
  }

  private static String upper(String op) {
    return op.toUpperCase(Locale.ROOT);
  }

  private static InvalidRuleException bad(String at, String message) {
    return new InvalidRuleException(at, message);
  }
}
