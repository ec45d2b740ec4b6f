package io.tributary.filters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed form of a filter rule. Parsing settles everything that can be known without a record
 * (operator names, arity, paths, literal regexes), so evaluation only meets record-level problems.
 * {@code at} is where the node sits in the rules array, kept so evaluation errors can say where.
 */
sealed interface Expr {

  /** A string, number, boolean or null operand, or the literal list of an {@code anyof}. */
  record Literal(JsonNode value) implements Expr {}

  /**
   * {@code ["extract", path]}: a value of the record; a missing path is missing, never an error.
   */
  record Extract(String path) implements Expr {}

  /** {@code ["settings", path]}: a value of the settings object handed to the evaluation. */
  record Setting(String path) implements Expr {}

  /**
   * A coercion ({@code number string boolean epochtime}) or transform ({@code lowercase ... abs}).
   */
  record Convert(Conversion kind, Expr operand, String at) implements Expr {}

  record Compare(Comparison op, Expr left, Expr right) implements Expr {}

  /** {@code contains doesnotcontain startswith endswith}. */
  record TextTest(TextOp op, Expr subject, Expr operand) implements Expr {}

  /** {@code matches}; {@code literal} is compiled at parse time when the pattern is a literal. */
  record Matches(Expr subject, Expr pattern, Pattern literal, String at) implements Expr {}

  record AnyOf(Expr value, Expr candidates) implements Expr {}

  /**
   * {@code empty}/{@code isempty} when {@code empty}, {@code notempty}/{@code isnotempty}
   * otherwise.
   */
  record Emptiness(boolean empty, Expr operand) implements Expr {}

  record And(List<Expr> operands) implements Expr {}

  record Or(List<Expr> operands) implements Expr {}

  record Not(Expr operand) implements Expr {}

  enum Conversion {
    NUMBER,
    STRING,
    BOOLEAN,
    EPOCHTIME,
    LOWERCASE,
    UPPERCASE,
    FLOOR,
    CEILING,
    ABS
  }

  enum Comparison {
    EQUALS,
    NOTEQUALS,
    GREATERTHAN,
    GREATERTHANEQUALS,
    LESSTHAN,
    LESSTHANEQUALS
  }

  enum TextOp {
    CONTAINS,
    DOESNOTCONTAIN,
    STARTSWITH,
    ENDSWITH
  }
}
