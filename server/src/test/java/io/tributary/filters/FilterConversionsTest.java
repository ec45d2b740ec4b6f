package io.tributary.filters;

import static io.tributary.filters.FilterOperatorsTest.passes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

class FilterConversionsTest {

  @Test
  void numberReadsNumericStringsAndKeepsNoValue() {
    assertThat(
            passes(
                "[\"equals\", [\"number\", [\"extract\", \"q\"]], 12.5]", "{\"q\": \" 12.50 \"}"))
        .isTrue();
    assertThat(
            passes(
                "[\"greaterthan\", [\"number\", [\"extract\", \"q\"]], 100]", "{\"q\": \"1e3\"}"))
        .isTrue();
    assertThat(passes("[\"equals\", [\"number\", [\"extract\", \"q\"]], 1]", "{\"q\": true}"))
        .isTrue();
    assertThat(passes("[\"empty\", [\"number\", [\"extract\", \"q\"]]]", "{}")).isTrue();
    assertThat(passes("[\"empty\", [\"number\", [\"extract\", \"q\"]]]", "{\"q\": \"\"}")).isTrue();
    assertThat(passes("[\"equals\", [\"number\", [\"extract\", \"q\"]], 0]", "{\"q\": \"\"}"))
        .isFalse();
  }

  @Test
  void numberOfANonNumberIsARecordError() {
    FilterExpression f =
        FilterExpression.parse(
            Json.parse(
                "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": "
                    + "[\"and\", [\"notempty\", [\"extract\", \"q\"]], [\"greaterthan\", [\"number\", [\"extract\", \"q\"]], 1]]}}"));
    assertThatThrownBy(() -> f.test(Json.parse("{\"q\": \"n/a\"}"), null))
        .isInstanceOf(FilterEvaluationException.class)
        .hasMessage("expression.rules[2][1]: number: \"n/a\" is not a number");
    assertThatThrownBy(() -> f.test(Json.parse("{\"q\": {\"a\": 1}}"), null))
        .isInstanceOf(FilterEvaluationException.class);
    assertThat(f.test(Json.parse("{\"q\": \"2\"}"), null)).isTrue();
  }

  @Test
  void numbersTooLargeToWriteOutAreNotNumbersAndDoNotAmplify() {
    FilterExpression floor =
        FilterExpression.parse(
            Json.parse(
                "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": "
                    + "[\"greaterthan\", [\"floor\", [\"extract\", \"q\"]], 1]}}"));
    assertThatThrownBy(() -> floor.test(remote("{\"q\": 1e30000000}"), null))
        .isInstanceOf(FilterEvaluationException.class)
        .hasMessageContaining("is not a number");
    assertThat(floor.test(Json.parse("{\"q\": 1e300}"), null)).isTrue();
    // Printed as its JSON text, not as thirty million digits.
    assertThat(
            FilterExpression.parse(
                    Json.parse("[\"equals\", [\"string\", [\"extract\", \"n\"]], \"1E+30000000\"]"))
                .test(remote("{\"n\": 1e30000000}"), null))
        .isTrue();
  }

  @Test
  void stringGivesTextAndEmptyTextForNoValue() {
    assertThat(
            passes("[\"equals\", [\"string\", [\"extract\", \"n\"]], \"12.5\"]", "{\"n\": 12.50}"))
        .isTrue();
    assertThat(
            passes("[\"equals\", [\"string\", [\"extract\", \"n\"]], \"true\"]", "{\"n\": true}"))
        .isTrue();
    assertThat(passes("[\"equals\", [\"string\", [\"extract\", \"n\"]], \"\"]", "{}")).isTrue();
    assertThat(passes("[\"notequals\", [\"string\", [\"extract\", \"n\"]], \"\"]", "{\"n\": null}"))
        .isFalse();
    assertThat(passes("[\"equals\", [\"string\", [\"extract\", \"n\"]], \"12\"]", "{\"n\": 12}"))
        .isTrue();
  }

  @Test
  void booleanReadsBooleansNumbersAndYesNoWords() {
    String rule = "[\"equals\", [\"boolean\", [\"extract\", \"b\"]], true]";
    assertThat(passes(rule, "{\"b\": true}")).isTrue();
    assertThat(passes(rule, "{\"b\": \"TRUE\"}")).isTrue();
    assertThat(passes(rule, "{\"b\": \"yes\"}")).isTrue();
    assertThat(passes(rule, "{\"b\": 1}")).isTrue();
    assertThat(passes(rule, "{\"b\": \"false\"}")).isFalse();
    assertThat(passes(rule, "{\"b\": \"0\"}")).isFalse();
    assertThat(passes(rule, "{\"b\": 0}")).isFalse();
    assertThat(passes(rule, "{}")).isFalse();
    assertThat(passes("[\"equals\", [\"boolean\", [\"extract\", \"b\"]], false]", "{}")).isTrue();
    assertThatThrownBy(() -> passes(rule, "{\"b\": \"maybe\"}"))
        .isInstanceOf(FilterEvaluationException.class)
        .hasMessageContaining("boolean: \"maybe\" is not a boolean");
  }

  @Test
  void epochtimeReadsIsoDatesAsUtcMilliseconds() {
    String rule = "[\"equals\", [\"epochtime\", [\"extract\", \"d\"]], 1609459200000]";
    assertThat(passes(rule, "{\"d\": \"2021-01-01T00:00:00Z\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"2021-01-01T00:00:00.000Z\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"2021-01-01T02:00:00+02:00\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"2021-01-01T00:00:00\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"2021-01-01 00:00:00\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"2021-01-01\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"Fri, 1 Jan 2021 00:00:00 GMT\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": 1609459200000}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"1609459200000\"}")).isTrue();
  }

  @Test
  void epochtimeComparesDatesOfDifferentFormats() {
    String rule =
        "[\"greaterthan\", [\"epochtime\", [\"extract\", \"d\"]], [\"epochtime\", \"2021-01-01T00:00:00Z\"]]";
    assertThat(passes(rule, "{\"d\": \"2021-01-01T00:00:01+00:00\"}")).isTrue();
    assertThat(passes(rule, "{\"d\": \"2021-01-01T01:00:00+02:00\"}")).isFalse();
    assertThat(passes(rule, "{}")).isFalse();
    assertThat(passes("[\"empty\", [\"epochtime\", [\"extract\", \"d\"]]]", "{\"d\": \"\"}"))
        .isTrue();
  }

  @Test
  void epochtimeOfANonDateIsARecordError() {
    assertThatThrownBy(
            () ->
                passes(
                    "[\"greaterthan\", [\"epochtime\", [\"extract\", \"d\"]], 0]",
                    "{\"d\": \"next week\"}"))
        .isInstanceOf(FilterEvaluationException.class)
        .hasMessage("rules[1]: epochtime: \"next week\" is not a date");
  }

  @Test
  void lowercaseAndUppercase() {
    assertThat(
            passes(
                "[\"equals\", [\"lowercase\", [\"extract\", \"s\"]], \"open\"]",
                "{\"s\": \"OpEn\"}"))
        .isTrue();
    assertThat(
            passes(
                "[\"equals\", [\"uppercase\", [\"extract\", \"s\"]], \"OPEN\"]",
                "{\"s\": \"OpEn\"}"))
        .isTrue();
    assertThat(
            passes(
                "[\"matches\", [\"lowercase\", [\"string\", [\"extract\", \"s\"]]], \"netsuite\"]",
                "{\"s\": \"NetSuite ERP\"}"))
        .isTrue();
    assertThat(passes("[\"empty\", [\"lowercase\", [\"extract\", \"s\"]]]", "{}")).isTrue();
    assertThat(
            passes(
                "[\"equals\", [\"uppercase\", [\"extract\", \"s\"]], [\"extract\", \"u\"]]",
                "{\"s\": [\"a\", \"b\"], \"u\": [\"A\", \"B\"]}"))
        .isTrue();
  }

  @Test
  void floorCeilingAbs() {
    assertThat(passes("[\"equals\", [\"floor\", [\"extract\", \"n\"]], 2]", "{\"n\": 2.7}"))
        .isTrue();
    assertThat(passes("[\"equals\", [\"floor\", [\"extract\", \"n\"]], -3]", "{\"n\": -2.1}"))
        .isTrue();
    assertThat(passes("[\"equals\", [\"ceiling\", [\"extract\", \"n\"]], 3]", "{\"n\": 2.1}"))
        .isTrue();
    assertThat(passes("[\"equals\", [\"ceiling\", [\"extract\", \"n\"]], -2]", "{\"n\": -2.7}"))
        .isTrue();
    assertThat(passes("[\"equals\", [\"abs\", [\"extract\", \"n\"]], 4.5]", "{\"n\": -4.5}"))
        .isTrue();
    assertThat(
            passes(
                "[\"equals\", [\"abs\", [\"number\", [\"extract\", \"n\"]]], 4.5]",
                "{\"n\": \"-4.50\"}"))
        .isTrue();
    assertThat(passes("[\"empty\", [\"floor\", [\"extract\", \"n\"]]]", "{}")).isTrue();
    assertThatThrownBy(
            () -> passes("[\"equals\", [\"abs\", [\"extract\", \"n\"]], 1]", "{\"n\": \"abc\"}"))
        .isInstanceOf(FilterEvaluationException.class)
        .hasMessageContaining("abs: \"abc\" is not a number");
  }

  @Test
  void conversionsApplyToEachElementOfAnArray() {
    String rec = "{\"items\": [{\"p\": \"1.5\"}, {\"p\": \"20\"}]}";
    assertThat(passes("[\"anyof\", [\"floor\", [\"extract\", \"items[*].p\"]], [1]]", rec))
        .isTrue();
    assertThat(passes("[\"contains\", [\"number\", [\"extract\", \"items[*].p\"]], 20]", rec))
        .isTrue();
  }

  @Test
  void literalsCanBeConverted() {
    assertThat(passes("[\"equals\", [\"number\", \"42\"], 42]", "{}")).isTrue();
    assertThat(passes("[\"equals\", [\"string\", 42], \"42\"]", "{}")).isTrue();
  }

  /**
   * Remote data is read with the lenient mapper (request bodies refuse such numbers at the door).
   */
  private static com.fasterxml.jackson.databind.JsonNode remote(String json) {
    try {
      return io.tributary.adaptors.json.Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
