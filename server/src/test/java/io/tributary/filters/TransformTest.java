package io.tributary.filters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import org.junit.jupiter.api.Test;

class TransformTest {
  private static final String ORDER =
      """
      {"id": 7, "amount": 120.50, "note": null, "extra": true,
       "customer": {"name": "Ada", "address": {"city": "Paris"}, "Internal ID": "C-9"},
       "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2"}, {"qty": 5}]}""";

  private static String run(String rules, String record) {
    return Transform.parse(Json.parse(rules)).apply(Json.parse(record)).toString();
  }

  private static String wrap(String rules) {
    return "{\"type\": \"expression\", \"expression\": {\"version\": \"1\", \"rules\": "
        + rules
        + "}}";
  }

  @Test
  void keepsOnlyWhatTheRulesGenerate() {
    String rules =
        wrap(
            "[[{\"extract\": \"id\", \"generate\": \"orderId\"}, {\"extract\": \"amount\", \"generate\": \"total\"}]]");
    assertThat(run(rules, ORDER)).isEqualTo("{\"orderId\":7,\"total\":120.50}");
  }

  @Test
  void readsAndWritesNestedPaths() {
    String rules =
        "[[{\"extract\": \"customer.address.city\", \"generate\": \"city\"},"
            + " {\"extract\": \"customer.name\", \"generate\": \"buyer.profile.name\"},"
            + " {\"extract\": \"customer[Internal ID]\", \"generate\": \"buyer.[Internal ID]\"}]]";
    assertThat(run(rules, ORDER))
        .isEqualTo(
            "{\"city\":\"Paris\",\"buyer\":{\"profile\":{\"name\":\"Ada\"},\"Internal ID\":\"C-9\"}}");
  }

  @Test
  void aMissingExtractWritesNothingAndANullIsKept() {
    String rules =
        "[[{\"extract\": \"nope.deeper\", \"generate\": \"a\"}, {\"extract\": \"note\", \"generate\": \"b\"}]]";
    assertThat(run(rules, ORDER)).isEqualTo("{\"b\":null}");
  }

  @Test
  void copiesObjectsAndArraysWhole() {
    String rules =
        "[[{\"extract\": \"customer.address\", \"generate\": \"shipTo\"}, {\"extract\": \"items\", \"generate\": \"lines\"}]]";
    assertThat(run(rules, ORDER))
        .isEqualTo(
            "{\"shipTo\":{\"city\":\"Paris\"},\"lines\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-2\"},{\"qty\":5}]}");
  }

  @Test
  void indexesAndCollectsArrays() {
    String rules =
        "[[{\"extract\": \"items[0].sku\", \"generate\": \"firstSku\"}, {\"extract\": \"items[*].sku\", \"generate\": \"skus\"},"
            + " {\"extract\": \"items[1].sku\", \"generate\": \"pair[1]\"}]]";
    assertThat(run(rules, ORDER))
        .isEqualTo("{\"firstSku\":\"A-1\",\"skus\":[\"A-1\",\"B-2\"],\"pair\":[null,\"B-2\"]}");
  }

  @Test
  void buildsOneOutputElementPerSourceElement() {
    String rules =
        "[[{\"extract\": \"items[*].sku\", \"generate\": \"lines[*].code\"}, {\"extract\": \"items[*].qty\", \"generate\": \"lines[*].quantity\"},"
            + " {\"extract\": \"id\", \"generate\": \"orderId\"}]]";
    assertThat(run(rules, ORDER))
        .isEqualTo(
            "{\"lines\":[{\"code\":\"A-1\",\"quantity\":2},{\"code\":\"B-2\"},{\"quantity\":5}],\"orderId\":7}");
  }

  @Test
  void perElementKeepsAlignmentWhenValuesAreMissing() {
    assertThat(run("[[{\"extract\": \"items[*].sku\", \"generate\": \"skus[*]\"}]]", ORDER))
        .isEqualTo("{\"skus\":[\"A-1\",\"B-2\",null]}");
    assertThat(run("[[{\"extract\": \"items[*].sku\", \"generate\": \"lines[*].code\"}]]", ORDER))
        .isEqualTo("{\"lines\":[{\"code\":\"A-1\"},{\"code\":\"B-2\"},{}]}");
    assertThat(run("[[{\"extract\": \"items[*]\", \"generate\": \"copy[*]\"}]]", ORDER))
        .isEqualTo("{\"copy\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-2\"},{\"qty\":5}]}");
  }

  @Test
  void perElementWithNestedArraysCollectsInsideEachElement() {
    String rec =
        "{\"orders\": [{\"id\": 1, \"lines\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}]}, {\"id\": 2, \"lines\": []}]}";
    String rules =
        "[[{\"extract\": \"orders[*].id\", \"generate\": \"o[*].id\"}, {\"extract\": \"orders[*].lines[*].sku\", \"generate\": \"o[*].skus\"}]]";
    assertThat(run(rules, rec))
        .isEqualTo("{\"o\":[{\"id\":1,\"skus\":[\"a\",\"b\"]},{\"id\":2,\"skus\":[]}]}");
  }

  @Test
  void celigoWildcardAndXmlSpellings() {
    String rows = "[{\"id\": 1, \"Internal ID\": \"x\"}, {\"id\": 2, \"Internal ID\": \"y\"}]";
    assertThat(
            run(
                "[[{\"extract\": \"*.id\", \"generate\": \"ids\"}, {\"extract\": \"*.[Internal ID]\", \"generate\": \"internal\"}]]",
                rows))
        .isEqualTo("{\"ids\":[1,2],\"internal\":[\"x\",\"y\"]}");
    assertThat(
            run(
                "[[{\"extract\": \"/Feed/Status\", \"generate\": \"status\"}]]",
                "{\"Feed\": {\"Status\": \"Done\"}}"))
        .isEqualTo("{\"status\":\"Done\"}");
  }

  @Test
  void dollarMergesAnObjectIntoTheRoot() {
    assertThat(
            run(
                "[[{\"extract\": \"customer.address\", \"generate\": \"$\"}, {\"extract\": \"id\", \"generate\": \"id\"}]]",
                ORDER))
        .isEqualTo("{\"city\":\"Paris\",\"id\":7}");
  }

  @Test
  void aLaterRuleWritingTheSameFieldWins() {
    assertThat(
            run(
                "[[{\"extract\": \"id\", \"generate\": \"x\"}, {\"extract\": \"customer.name\", \"generate\": \"x\"}]]",
                ORDER))
        .isEqualTo("{\"x\":\"Ada\"}");
  }

  @Test
  void groupsAreChainedEachReadingThePreviousOutput() {
    String rules =
        "[[{\"extract\": \"customer.name\", \"generate\": \"n\"}, {\"extract\": \"id\", \"generate\": \"i\"}],"
            + " [{\"extract\": \"n\", \"generate\": \"buyer\"}, {\"extract\": \"customer.name\", \"generate\": \"gone\"}]]";
    assertThat(run(rules, ORDER)).isEqualTo("{\"buyer\":\"Ada\"}");
  }

  @Test
  void acceptsAFlatListOfRulesAndSkipsEmptyGroups() {
    assertThat(run("[{\"extract\": \"id\", \"generate\": \"i\"}]", ORDER)).isEqualTo("{\"i\":7}");
    assertThat(run("[[], [{\"extract\": \"id\", \"generate\": \"i\"}], []]", ORDER))
        .isEqualTo("{\"i\":7}");
  }

  @Test
  void withoutRulesTheRecordPassesUnchanged() {
    assertThat(Transform.parse(Json.parse(wrap("[]"))).apply(Json.parse(ORDER)))
        .isEqualTo(Json.parse(ORDER));
    assertThat(Transform.parse(Json.parse("[[]]")).apply(Json.parse(ORDER)))
        .isEqualTo(Json.parse(ORDER));
  }

  @Test
  void neitherChangesNorSharesTheInput() {
    JsonNode in = Json.parse(ORDER);
    ObjectNode out =
        Transform.parse(Json.parse("[[{\"extract\": \"customer\", \"generate\": \"c\"}]]"))
            .apply(in);
    ((ObjectNode) out.get("c")).put("name", "Changed");
    assertThat(in).isEqualTo(Json.parse(ORDER));
    ObjectNode copy = Transform.parse(Json.parse("[]")).apply(in);
    copy.put("id", 8);
    assertThat(in.get("id").asInt()).isEqualTo(7);
  }

  @Test
  void ignoresTheEditorsRuleKeys() {
    assertThat(run("[[{\"extract\": \"id\", \"generate\": \"i\", \"key\": \"k1\"}]]", ORDER))
        .isEqualTo("{\"i\":7}");
  }

  private static void rejects(String transform, String message) {
    assertThatThrownBy(() -> Transform.parse(Json.parse(transform)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsMalformedTransforms() {
    rejects(
        "{\"type\": \"script\", \"script\": {}}",
        "type: \"script\" is not an expression transform");
    rejects(
        "{\"type\": \"expression\", \"expression\": {\"version\": \"2\", \"rulesTwoDotZero\": {}}}",
        "expression.version: only version \"1\" is supported, got \"2\"");
    rejects(
        "{\"type\": \"expression\", \"expression\": {\"version\": \"1\"}}",
        "expression.rules: expected a rules array");
    rejects(
        wrap("[[{\"generate\": \"a\"}]]"),
        "expression.rules[0][0].extract: a non-empty path string is required");
    rejects(
        wrap("[[{\"extract\": \"a\", \"generate\": 3}]]"),
        "expression.rules[0][0].generate: a non-empty path string is required");
    rejects(
        "[[{\"extract\": \"a\", \"generate\": \"b\"}, \"c\"]]",
        "rules[0][1]: expected a rule {\"extract\": ..., \"generate\": ...}, got \"c\"");
    rejects(
        "[[{\"extract\": \"a\", \"generate\": \"b\"}], {\"extract\": \"a\", \"generate\": \"b\"}]",
        "rules[1]: expected a group (an array) of rules, got {\"extract\":\"a\",\"generate\":\"b\"}");
    rejects(
        "[[{\"extract\": \"a[0\", \"generate\": \"b\"}]]",
        "rules[0][0].extract: Unclosed '[' in path a[0");
  }

  @Test
  void rejectsArrayTargetsItCannotBuild() {
    rejects(
        "[[{\"extract\": \"id\", \"generate\": \"ids[*]\"}]]",
        "rules[0][0].generate: has [*] but extract \"id\" has no array to iterate");
    rejects(
        "[[{\"extract\": \"o[*].l[*].s\", \"generate\": \"x[*].y[*]\"}]]",
        "rules[0][0].generate: at most one [*] is supported, got \"x[*].y[*]\"");
    rejects(
        "[[{\"extract\": \"id\", \"generate\": \"[0]\"}]]",
        "rules[0][0].generate: must start with a field name, got \"[0]\"");
  }
}
