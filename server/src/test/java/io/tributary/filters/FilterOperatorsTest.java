package io.tributary.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

class FilterOperatorsTest {
  private static final String ORDER =
      """
      {"id": 7, "status": "Open", "amount": 120.50, "qty": "12", "email": "ada@example.com",
       "blank": "", "none": null, "active": true, "tags": ["red", "Blue"], "empty": [], "obj": {},
       "customer": {"name": "Ada Lovelace", "Full Name": "Ada L", "zip": "02139"},
       "items": [{"sku": "A-1", "price": 5}, {"sku": "B-2", "price": 15}]}""";

  static boolean passes(String rules) {
    return passes(rules, ORDER);
  }

  static boolean passes(String rules, String record) {
    return FilterExpression.parse(Json.parse(rules)).test(Json.parse(record), null);
  }

  @Test
  void equalsComparesStringsExactlyAndNumbersByValue() {
    assertThat(passes("[\"equals\", [\"extract\", \"status\"], \"Open\"]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"status\"], \"open\"]")).isFalse();
    assertThat(passes("[\"equals\", [\"extract\", \"amount\"], 120.5]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"id\"], 7.0]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"active\"], true]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"none\"], null]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"tags\"], [\"extract\", \"tags\"]]")).isTrue();
  }

  @Test
  void notequalsIsTheNegationOfEquals() {
    assertThat(passes("[\"notequals\", [\"extract\", \"status\"], \"Closed\"]")).isTrue();
    assertThat(passes("[\"notequals\", [\"extract\", \"status\"], \"Open\"]")).isFalse();
    assertThat(passes("[\"notequals\", [\"extract\", \"missing\"], \"x\"]")).isTrue();
  }

  @Test
  void orderingComparesNumbersAndStrings() {
    assertThat(passes("[\"greaterthan\", [\"extract\", \"amount\"], 100]")).isTrue();
    assertThat(passes("[\"greaterthan\", [\"extract\", \"amount\"], 120.5]")).isFalse();
    assertThat(passes("[\"greaterthanequals\", [\"extract\", \"amount\"], 120.5]")).isTrue();
    assertThat(passes("[\"lessthan\", [\"extract\", \"id\"], 8]")).isTrue();
    assertThat(passes("[\"lessthan\", [\"extract\", \"id\"], 7]")).isFalse();
    assertThat(passes("[\"lessthanequals\", [\"extract\", \"id\"], 7]")).isTrue();
    assertThat(passes("[\"lessthan\", [\"extract\", \"status\"], \"Pending\"]")).isTrue();
  }

  @Test
  void isoTimestampsOfOneFormatOrderAsStrings() {
    String rec = "{\"orderDate\": \"2023-03-01T10:00:00Z\"}";
    assertThat(
            passes(
                "[\"greaterthan\", [\"extract\", \"orderDate\"], \"2023-01-01T00:00:00Z\"]", rec))
        .isTrue();
    assertThat(
            passes("[\"lessthan\", [\"extract\", \"orderDate\"], \"2023-01-01T00:00:00Z\"]", rec))
        .isFalse();
  }

  @Test
  void aNumberAndANumericStringCompareAsNumbers() {
    assertThat(passes("[\"equals\", [\"extract\", \"qty\"], 12]")).isTrue();
    assertThat(passes("[\"greaterthan\", [\"extract\", \"qty\"], 9]")).isTrue(); // not "12" < "9"
    assertThat(passes("[\"equals\", [\"extract\", \"id\"], \" 7.00 \"]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"status\"], 0]")).isFalse();
    assertThat(passes("[\"greaterthan\", [\"extract\", \"status\"], 0]")).isFalse();
    assertThat(passes("[\"lessthan\", [\"extract\", \"status\"], 0]")).isFalse();
  }

  @Test
  void twoStringsCompareAsStringsEvenWhenNumeric() {
    assertThat(passes("[\"equals\", [\"extract\", \"qty\"], \"12.0\"]")).isFalse();
    assertThat(passes("[\"lessthan\", [\"extract\", \"qty\"], \"9\"]")).isTrue();
    assertThat(
            passes("[\"greaterthan\", [\"number\", [\"extract\", \"qty\"]], [\"number\", \"9\"]]"))
        .isTrue();
  }

  @Test
  void missingFieldsAreNoValueNotErrors() {
    assertThat(passes("[\"equals\", [\"extract\", \"nope\"], null]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"nope.deeper[3]\"], \"x\"]")).isFalse();
    assertThat(passes("[\"greaterthan\", [\"extract\", \"nope\"], 0]")).isFalse();
    assertThat(passes("[\"lessthan\", [\"extract\", \"nope\"], 0]")).isFalse();
    assertThat(passes("[\"contains\", [\"extract\", \"nope\"], \"a\"]")).isFalse();
    assertThat(passes("[\"startswith\", [\"extract\", \"nope\"], \"a\"]")).isFalse();
    assertThat(passes("[\"matches\", [\"extract\", \"nope\"], \".*\"]")).isFalse();
    assertThat(passes("[\"empty\", [\"extract\", \"nope\"]]")).isTrue();
  }

  @Test
  void containsAndDoesnotcontainOnText() {
    assertThat(passes("[\"contains\", [\"extract\", \"email\"], \"@example\"]")).isTrue();
    assertThat(passes("[\"contains\", [\"extract\", \"email\"], \"@EXAMPLE\"]")).isFalse();
    assertThat(passes("[\"contains\", [\"extract\", \"amount\"], \"120.5\"]")).isTrue();
    assertThat(passes("[\"doesnotcontain\", [\"extract\", \"email\"], \"gmail\"]")).isTrue();
    assertThat(passes("[\"doesnotcontain\", [\"extract\", \"email\"], \"ada\"]")).isFalse();
    assertThat(passes("[\"doesnotcontain\", [\"extract\", \"nope\"], \"ada\"]")).isTrue();
  }

  @Test
  void containsOnAnArrayAsksForAnElement() {
    assertThat(passes("[\"contains\", [\"extract\", \"tags\"], \"red\"]")).isTrue();
    assertThat(passes("[\"contains\", [\"extract\", \"tags\"], \"re\"]")).isFalse();
    assertThat(passes("[\"contains\", [\"extract\", \"items[*].sku\"], \"B-2\"]")).isTrue();
    assertThat(passes("[\"doesnotcontain\", [\"extract\", \"items[*].sku\"], \"C-3\"]")).isTrue();
  }

  @Test
  void startswithAndEndswith() {
    assertThat(passes("[\"startswith\", [\"extract\", \"customer.name\"], \"Ada\"]")).isTrue();
    assertThat(passes("[\"startswith\", [\"extract\", \"customer.name\"], \"Lovelace\"]"))
        .isFalse();
    assertThat(passes("[\"endswith\", [\"extract\", \"customer.name\"], \"Lovelace\"]")).isTrue();
    assertThat(passes("[\"endswith\", [\"extract\", \"email\"], \".org\"]")).isFalse();
    assertThat(passes("[\"startswith\", [\"extract\", \"items[*].sku\"], \"B-\"]")).isTrue();
    assertThat(passes("[\"endswith\", [\"extract\", \"items[*].sku\"], \"-3\"]")).isFalse();
    assertThat(passes("[\"startswith\", [\"extract\", \"customer.zip\"], \"021\"]")).isTrue();
  }

  @Test
  void matchesFindsARegexAnywhereUnlessAnchored() {
    assertThat(passes("[\"matches\", [\"extract\", \"email\"], \"^[a-z]+@example\\\\.com$\"]"))
        .isTrue();
    assertThat(passes("[\"matches\", [\"extract\", \"email\"], \"example\"]")).isTrue();
    assertThat(passes("[\"matches\", [\"extract\", \"email\"], \"^example\"]")).isFalse();
    assertThat(passes("[\"matches\", [\"extract\", \"id\"], \"^\\\\d+$\"]")).isTrue();
    assertThat(passes("[\"matches\", [\"extract\", \"tags\"], \"^B\"]")).isTrue();
  }

  @Test
  void matchesTakesItsPatternFromSettings() {
    FilterExpression f =
        FilterExpression.parse(
            Json.parse(
                "[\"matches\", [\"extract\", \"status\"], [\"settings\", \"flow.pattern\"]]"));
    assertThat(f.test(Json.parse(ORDER), Json.parse("{\"flow\": {\"pattern\": \"^O\"}}"))).isTrue();
    assertThat(f.test(Json.parse(ORDER), Json.parse("{\"flow\": {\"pattern\": \"^C\"}}")))
        .isFalse();
    assertThat(f.test(Json.parse(ORDER), null)).isFalse();
  }

  @Test
  void anyofWithALiteralList() {
    assertThat(passes("[\"anyof\", [\"extract\", \"status\"], [\"Open\", \"Pending\"]]")).isTrue();
    assertThat(passes("[\"anyof\", [\"extract\", \"status\"], [\"Closed\", \"Pending\"]]"))
        .isFalse();
    assertThat(passes("[\"anyof\", [\"extract\", \"id\"], [1, 7, 9]]")).isTrue();
    assertThat(passes("[\"anyof\", [\"extract\", \"qty\"], [12]]")).isTrue();
    assertThat(passes("[\"anyof\", [\"extract\", \"nope\"], [\"a\"]]")).isFalse();
    assertThat(passes("[\"anyof\", [\"extract\", \"status\"], \"Open\"]")).isTrue();
  }

  @Test
  void anyofWithAnArrayValueAsksForACommonElement() {
    assertThat(passes("[\"anyof\", [\"extract\", \"tags\"], [\"Blue\", \"green\"]]")).isTrue();
    assertThat(passes("[\"anyof\", [\"extract\", \"items[*].sku\"], [\"C-3\", \"D-4\"]]"))
        .isFalse();
    assertThat(passes("[\"anyof\", [\"lowercase\", [\"extract\", \"tags\"]], [\"blue\"]]"))
        .isTrue();
  }

  @Test
  void anyofListsThatLookLikeRulesStayLists() {
    String rec = "{\"kind\": \"string\"}";
    assertThat(passes("[\"anyof\", [\"extract\", \"kind\"], [\"number\", \"string\"]]", rec))
        .isTrue();
    assertThat(passes("[\"anyof\", [\"extract\", \"kind\"], [\"lowercase\", \"boolean\"]]", rec))
        .isFalse();
  }

  @Test
  void anyofWithAListFromSettings() {
    FilterExpression f =
        FilterExpression.parse(
            Json.parse(
                "[\"anyof\", [\"extract\", \"status\"], [\"settings\", \"flow.statuses\"]]"));
    assertThat(
            f.test(
                Json.parse(ORDER), Json.parse("{\"flow\": {\"statuses\": [\"Open\", \"New\"]}}")))
        .isTrue();
    assertThat(f.test(Json.parse(ORDER), Json.parse("{\"flow\": {\"statuses\": [\"New\"]}}")))
        .isFalse();
    assertThat(f.test(Json.parse(ORDER), Json.parse("{}"))).isFalse();
  }

  @Test
  void emptinessInBothSpellings() {
    for (String field : new String[] {"blank", "none", "nope", "empty", "obj"}) {
      assertThat(passes("[\"empty\", [\"extract\", \"" + field + "\"]]")).as(field).isTrue();
      assertThat(passes("[\"isempty\", [\"extract\", \"" + field + "\"]]")).as(field).isTrue();
      assertThat(passes("[\"notempty\", [\"extract\", \"" + field + "\"]]")).as(field).isFalse();
      assertThat(passes("[\"isnotempty\", [\"extract\", \"" + field + "\"]]")).as(field).isFalse();
    }
    for (String field : new String[] {"status", "id", "active", "tags", "customer"}) {
      assertThat(passes("[\"notempty\", [\"extract\", \"" + field + "\"]]")).as(field).isTrue();
      assertThat(passes("[\"isnotempty\", [\"extract\", \"" + field + "\"]]")).as(field).isTrue();
      assertThat(passes("[\"empty\", [\"extract\", \"" + field + "\"]]")).as(field).isFalse();
    }
    assertThat(passes("[\"notempty\", \" \"]")).isTrue();
  }

  @Test
  void logicNestsAndShortCircuits() {
    assertThat(
            passes(
                "[\"and\", [\"notempty\", [\"extract\", \"email\"]], [\"greaterthan\", [\"extract\", \"amount\"], 100]]"))
        .isTrue();
    assertThat(
            passes(
                "[\"and\", [\"notempty\", [\"extract\", \"email\"]], [\"greaterthan\", [\"extract\", \"amount\"], 500]]"))
        .isFalse();
    assertThat(
            passes(
                "[\"or\", [\"equals\", [\"extract\", \"id\"], 1], [\"equals\", [\"extract\", \"id\"], 7]]"))
        .isTrue();
    assertThat(
            passes(
                "[\"or\", [\"equals\", [\"extract\", \"id\"], 1], [\"equals\", [\"extract\", \"id\"], 2]]"))
        .isFalse();
    assertThat(passes("[\"not\", [\"equals\", [\"extract\", \"id\"], 1]]")).isTrue();
    assertThat(passes("[\"and\", [\"equals\", [\"extract\", \"id\"], 7]]")).isTrue();
    assertThat(passes("[\"or\", [\"equals\", [\"extract\", \"id\"], 8]]")).isFalse();
    assertThat(
            passes(
                """
        ["or", ["and", ["equals", ["extract", "status"], "Closed"], ["notempty", ["extract", "email"]]],
               ["not", ["or", ["empty", ["extract", "tags"]], ["lessthan", ["extract", "amount"], 10]]]]"""))
        .isTrue();
    // "number" of "Open" would fail, but the first operand already decides
    assertThat(passes("[\"or\", true, [\"equals\", [\"number\", [\"extract\", \"status\"]], 1]]"))
        .isTrue();
    assertThat(passes("[\"and\", false, [\"equals\", [\"number\", [\"extract\", \"status\"]], 1]]"))
        .isFalse();
  }

  @Test
  void aBareValueInAConditionPositionIsReadAsABoolean() {
    assertThat(passes("[\"extract\", \"active\"]")).isTrue();
    assertThat(passes("[\"not\", [\"extract\", \"active\"]]")).isFalse();
    assertThat(passes("[\"extract\", \"nope\"]")).isFalse();
    assertThat(passes("[\"and\", [\"extract\", \"flag\"]]", "{\"flag\": \"yes\"}")).isTrue();
  }

  @Test
  void settingsAccessorReadsTheSettingsObject() {
    FilterExpression f =
        FilterExpression.parse(
            Json.parse(
                """
        ["equals", ["string", ["extract", "status"]], ["string", ["settings", "flow.wantedStatus"]]]"""));
    assertThat(f.test(Json.parse(ORDER), Json.parse("{\"flow\": {\"wantedStatus\": \"Open\"}}")))
        .isTrue();
    assertThat(f.test(Json.parse(ORDER), Json.parse("{\"flow\": {\"wantedStatus\": \"Closed\"}}")))
        .isFalse();
    assertThat(f.test(Json.parse(ORDER), null)).isFalse();
    assertThat(
            FilterExpression.parse(Json.parse("[\"empty\", [\"settings\", \"integration.x\"]]"))
                .test(Json.parse(ORDER), null))
        .isTrue();
  }

  @Test
  void extractReadsNestedIndexedAndBracketedPaths() {
    assertThat(passes("[\"equals\", [\"extract\", \"customer[Full Name]\"], \"Ada L\"]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"items[1].sku\"], \"B-2\"]")).isTrue();
    assertThat(passes("[\"equals\", [\"extract\", \"$.customer.zip\"], \"02139\"]")).isTrue();
    assertThat(
            passes(
                "[\"equals\", [\"extract\", \"items.*.price\"], [\"extract\", \"items[*].price\"]]"))
        .isTrue();
  }
}
