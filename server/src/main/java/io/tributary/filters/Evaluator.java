package io.tributary.filters;

import static io.tributary.filters.Values.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.JsonPaths;
import io.tributary.filters.Expr.And;
import io.tributary.filters.Expr.AnyOf;
import io.tributary.filters.Expr.Compare;
import io.tributary.filters.Expr.Convert;
import io.tributary.filters.Expr.Emptiness;
import io.tributary.filters.Expr.Extract;
import io.tributary.filters.Expr.Literal;
import io.tributary.filters.Expr.Matches;
import io.tributary.filters.Expr.Not;
import io.tributary.filters.Expr.Or;
import io.tributary.filters.Expr.Setting;
import io.tributary.filters.Expr.TextTest;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.StreamSupport;

/** Evaluates a parsed rule against one record. and/or stop at the first operand that decides. */
record Evaluator(JsonNode record, JsonNode settings) {

  boolean test(Expr e) {
    return eval(e).asBoolean();
  }

  JsonNode eval(Expr e) {
    return switch (e) {
      case Literal l -> l.value();
      case Extract x -> JsonPaths.get(record, x.path());
      case Setting s -> JsonPaths.get(settings, s.path());
      case Convert c -> Conversions.apply(c.kind(), eval(c.operand()), c.at());
      case Compare c -> NODES.booleanNode(compare(c));
      case TextTest t -> NODES.booleanNode(text(t));
      case Matches m -> NODES.booleanNode(matches(m));
      case AnyOf a -> NODES.booleanNode(anyOf(a));
      case Emptiness em -> NODES.booleanNode(Values.isEmpty(eval(em.operand())) == em.empty());
      case And a -> NODES.booleanNode(a.operands().stream().allMatch(this::test));
      case Or o -> NODES.booleanNode(o.operands().stream().anyMatch(this::test));
      case Not n -> NODES.booleanNode(!test(n.operand()));
    };
  }

  private boolean compare(Compare c) {
    JsonNode a = eval(c.left());
    JsonNode b = eval(c.right());
    return switch (c.op()) {
      case EQUALS -> Values.same(a, b);
      case NOTEQUALS -> !Values.same(a, b);
      case GREATERTHAN -> holds(Values.order(a, b), s -> s > 0);
      case GREATERTHANEQUALS -> holds(Values.order(a, b), s -> s >= 0);
      case LESSTHAN -> holds(Values.order(a, b), s -> s < 0);
      case LESSTHANEQUALS -> holds(Values.order(a, b), s -> s <= 0);
    };
  }

  private static boolean holds(OptionalInt sign, Predicate<Integer> test) {
    return sign.isPresent() && test.test(sign.getAsInt());
  }

  /**
   * Case-sensitive, as integrator.io documents. On an array (an {@code [*]} path), {@code contains}
   * asks whether an element equals the operand (JavaScript's {@code includes}), the other tests
   * whether any element passes. {@code doesnotcontain} is always the negation of {@code contains}.
   */
  private boolean text(TextTest t) {
    JsonNode subject = eval(t.subject());
    JsonNode operand = eval(t.operand());
    String needle = Values.text(operand);
    return switch (t.op()) {
      case CONTAINS -> contains(subject, operand, needle);
      case DOESNOTCONTAIN -> !contains(subject, operand, needle);
      case STARTSWITH -> needle != null && any(subject, s -> s.startsWith(needle));
      case ENDSWITH -> needle != null && any(subject, s -> s.endsWith(needle));
    };
  }

  private static boolean contains(JsonNode subject, JsonNode operand, String needle) {
    if (subject.isArray()) return elements(subject).stream().anyMatch(e -> Values.same(e, operand));
    String s = Values.text(subject);
    return s != null && needle != null && s.contains(needle);
  }

  /**
   * A regex found anywhere in the text, as JavaScript's {@code RegExp.test}; anchor it to match
   * all.
   */
  private boolean matches(Matches m) {
    Pattern p = m.literal();
    if (p == null) {
      String source = Values.text(eval(m.pattern()));
      if (source == null) return false;
      try {
        p = Pattern.compile(source);
      } catch (PatternSyntaxException e) {
        throw new FilterEvaluationException(
            m.at()
                + ": matches: invalid regular expression \""
                + source
                + "\": "
                + e.getDescription());
      }
    }
    Pattern compiled = p;
    return any(eval(m.subject()), s -> compiled.matcher(s).find());
  }

  /**
   * True when the value, or one of its elements when it is an array, equals one of the candidates.
   * A candidate that is not an array is a list of one; no candidates (a missing setting) is false.
   */
  private boolean anyOf(AnyOf a) {
    JsonNode value = eval(a.value());
    JsonNode candidates = eval(a.candidates());
    List<JsonNode> wanted =
        candidates.isArray()
            ? elements(candidates)
            : Values.absent(candidates) ? List.of() : List.of(candidates);
    List<JsonNode> have = value.isArray() ? elements(value) : List.of(value);
    return have.stream().anyMatch(h -> wanted.stream().anyMatch(w -> Values.same(h, w)));
  }

  private static boolean any(JsonNode subject, Predicate<String> test) {
    List<JsonNode> values = subject.isArray() ? elements(subject) : List.of(subject);
    return values.stream().map(Values::text).anyMatch(s -> s != null && test.test(s));
  }

  private static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
