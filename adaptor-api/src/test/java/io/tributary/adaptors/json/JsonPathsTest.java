package io.tributary.adaptors.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JsonPathsTest {
  private final JsonNode doc =
      Json.parse(
          """
      {"customer":{"id":7,"Full Name":"Ada"},"items":[{"sku":"a"},{"sku":"b"}],"data":[{"x":1}]}""");

  @Test
  void readsDottedIndexedAndBracketedPaths() {
    assertThat(JsonPaths.get(doc, "customer.id").asInt()).isEqualTo(7);
    assertThat(JsonPaths.get(doc, "$.customer.id").asInt()).isEqualTo(7);
    assertThat(JsonPaths.get(doc, "customer[Full Name]").asText()).isEqualTo("Ada");
    assertThat(JsonPaths.get(doc, "items[1].sku").asText()).isEqualTo("b");
    assertThat(JsonPaths.get(doc, "items.0.sku").asText()).isEqualTo("a");
    assertThat(JsonPaths.get(doc, "data[0].x").asInt()).isEqualTo(1);
    assertThat(JsonPaths.get(doc, "$")).isSameAs(doc);
  }

  @Test
  void collectsEveryElementWithStar() {
    assertThat(JsonPaths.get(doc, "items[*].sku").toString()).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void missingPathsAreMissingNotErrors() {
    assertThat(JsonPaths.get(doc, "customer.nope.deeper").isMissingNode()).isTrue();
    assertThat(JsonPaths.get(doc, "items[9].sku").isMissingNode()).isTrue();
    assertThat(JsonPaths.get(doc, "customer.id.x").isMissingNode()).isTrue();
  }

  @Test
  void writesCreatingObjectsAndArrays() {
    ObjectNode out = Json.object();
    JsonPaths.set(out, "a.b", Json.parse("1"));
    JsonPaths.set(out, "list[1].name", Json.parse("\"n\""));
    assertThat(out.toString()).isEqualTo("{\"a\":{\"b\":1},\"list\":[null,{\"name\":\"n\"}]}");
    JsonPaths.set(out, "$", Json.parse("{\"c\":2}"));
    assertThat(out.get("c").asInt()).isEqualTo(2);
  }

  @Test
  void replacesAScalarInTheWayAsLodashSetDoes() {
    ObjectNode out = (ObjectNode) Json.parse("{\"a\":1}");
    JsonPaths.set(out, "a.b", Json.parse("2"));
    assertThat(out.toString()).isEqualTo("{\"a\":{\"b\":2}}");
  }

  @Test
  void refusesToWriteThroughStar() {
    assertThatThrownBy(() -> JsonPaths.set(Json.object(), "a[*].b", Json.parse("2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
