package io.tributary.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

class FilterParseTest {

  private static void rejects(String filter, String message) {
    assertThatThrownBy(() -> FilterExpression.parse(Json.parse(filter)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void acceptsTheWholeFilterObjectOrTheBareRules() {
    String rules = "[\"equals\", [\"extract\", \"a\"], 1]";
    FilterExpression whole =
        FilterExpression.parse(
            Json.parse(
                "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": "
                    + rules
                    + "}}"));
    FilterExpression bare = FilterExpression.parse(Json.parse(rules));
    assertThat(whole.test(Json.parse("{\"a\": 1}"), null)).isTrue();
    assertThat(whole.test(Json.parse("{\"a\": 2}"), null)).isFalse();
    assertThat(bare.test(Json.parse("{\"a\": 1}"), null)).isTrue();
    assertThat(
            FilterExpression.parse(Json.parse("{\"expression\": {\"rules\": " + rules + "}}"))
                .test(Json.parse("{\"a\": 1}"), null))
        .isTrue();
    assertThat(
            FilterExpression.parse(
                    Json.parse("{\"expression\": {\"version\": 1, \"rules\": " + rules + "}}"))
                .test(Json.parse("{\"a\": 1}"), null))
        .isTrue();
  }

  @Test
  void emptyRulesPassEveryRecord() {
    assertThat(FilterExpression.parse(Json.parse("[]")).test(Json.parse("{}"), null)).isTrue();
    assertThat(
            FilterExpression.parse(
                    Json.parse(
                        "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": []}}"))
                .test(null, null))
        .isTrue();
  }

  @Test
  void rejectsOtherFilterTypesAndVersions() {
    rejects(
        "{\"type\": \"script\", \"script\": {\"_scriptId\": \"x\", \"function\": \"f\"}}",
        "type: \"script\" is not an expression filter");
    rejects(
        "{\"type\": \"expression\", \"expression\": {\"version\": \"2\", \"rules\": []}}",
        "expression.version: only version \"1\" is supported, got \"2\"");
    rejects(
        "{\"type\": \"expression\"}",
        "expression: an expression filter needs an \"expression\" object");
    rejects(
        "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": {}}}",
        "expression.rules: expected a rules array");
    rejects("\"equals\"", "filter: expected an object or a rules array, got \"equals\"");
    assertThatThrownBy(() -> FilterExpression.parse(null)).isInstanceOf(InvalidRuleException.class);
  }

  @Test
  void unknownOperatorsNameTheOperatorAndWhere() {
    rejects(
        "[\"and\", [\"notempty\", [\"extract\", \"a\"]], [\"equal\", [\"extract\", \"a\"], 1]]",
        "rules[2]: unknown operator \"equal\"");
    rejects(
        "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": [\"or\", [\"isNotEmpty\", [\"extract\", \"a\"]]]}}",
        "expression.rules[1]: unknown operator \"isNotEmpty\"");
  }

  @Test
  void unknownAccessorsAreRejectedWhereTheyStand() {
    rejects("[\"equals\", [\"record\", \"a\"], 1]", "rules[1]: unknown operator \"record\"");
    rejects(
        "[\"equals\", [\"extract\", 5], 1]", "rules[1][1]: \"extract\" takes a path string, got 5");
    rejects("[\"equals\", [\"settings\", \"\"], 1]", "rules[1][1]: the path is empty");
    rejects("[\"equals\", [\"extract\", \"a[0\"], 1]", "rules[1][1]: Unclosed '[' in path a[0");
  }

  @Test
  void wrongNumbersOfOperands() {
    rejects("[\"equals\", [\"extract\", \"a\"]]", "rules: \"equals\" takes 2 operands, got 1");
    rejects(
        "[\"greaterthan\", [\"extract\", \"a\"], 1, 2]",
        "rules: \"greaterthan\" takes 2 operands, got 3");
    rejects("[\"notempty\"]", "rules: \"notempty\" takes 1 operand, got 0");
    rejects("[\"not\", true, false]", "rules: \"not\" takes 1 operand, got 2");
    rejects("[\"and\"]", "rules: \"and\" takes at least 1 operand, got 0");
    rejects("[\"or\", [\"number\"]]", "rules[1]: \"number\" takes 1 operand, got 0");
    rejects(
        "[\"empty\", [\"extract\", \"a\", \"b\"]]", "rules[1]: \"extract\" takes 1 operand, got 2");
  }

  @Test
  void literalRegexesAreCompiledAtParseTime() {
    rejects(
        "[\"matches\", [\"extract\", \"a\"], \"(unclosed\"]",
        "rules[2]: invalid regular expression \"(unclosed\": Unclosed group");
    rejects(
        "[\"matches\", [\"extract\", \"a\"], null]",
        "rules[2]: the pattern of \"matches\" must be a string, got null");
  }

  @Test
  void aRegexFromSettingsIsCheckedPerRecord() {
    FilterExpression f =
        FilterExpression.parse(
            Json.parse("[\"matches\", [\"extract\", \"a\"], [\"settings\", \"flow.re\"]]"));
    assertThatThrownBy(
            () -> f.test(Json.parse("{\"a\": \"x\"}"), Json.parse("{\"flow\": {\"re\": \"[\"}}")))
        .isInstanceOf(FilterEvaluationException.class)
        .hasMessageStartingWith("rules: matches: invalid regular expression \"[\"");
  }

  @Test
  void malformedShapes() {
    rejects("[[]]", "rules: a rule starts with an operator name, got []");
    rejects("[\"and\", []]", "rules[1]: a rule cannot be an empty array");
    rejects(
        "[\"and\", \"yes\"]",
        "rules[1]: expected a rule such as [\"equals\", [\"extract\", \"field\"], \"value\"], got \"yes\"");
    rejects(
        "[\"equals\", [\"extract\", \"a\"], {\"x\": 1}]",
        "rules[2]: an operand is a string, number, boolean, null or a rule array, not an object");
    rejects(
        "[\"anyof\", [\"extract\", \"a\"], [\"x\", [1]]]",
        "rules[2][1]: a value of an anyof list must be a string, number, boolean or null");
    rejects(
        "[\"equals\", [\"extract\", \"a\"], [\"x\", \"y\"]]", "rules[2]: unknown operator \"x\"");
  }

  @Test
  void theErrorCarriesItsLocationForTheApi() {
    assertThatThrownBy(
            () ->
                FilterExpression.parse(
                    Json.parse("{\"expression\": {\"rules\": [\"and\", [\"nope\"]]}}")))
        .isInstanceOfSatisfying(
            InvalidRuleException.class,
            e -> assertThat(e.where()).isEqualTo("expression.rules[1]"));
  }
}
