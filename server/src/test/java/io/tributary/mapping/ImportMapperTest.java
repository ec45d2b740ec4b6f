package io.tributary.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.templating.Templates;
import io.tributary.web.Json;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ImportMapperTest {
  private final Templates templates = new Templates(Clock.systemUTC());
  private final JsonNode record =
      Json.parse(
          """
      {"id":"42","name":"Ada","amount":"12.50","active":"yes","country":"DE","email":"",
       "lines":[{"sku":"a","qty":1},{"sku":"b","qty":"2"}],"customer":{"first":"Ada","last":"L"}}""");

  private MapResult map(String importJson) {
    return ImportMapper.of(Json.parse(importJson), templates::render).map(record);
  }

  private JsonNode mapped(String importJson) {
    MapResult r = map(importJson);
    assertThat(r).isInstanceOf(MapResult.Mapped.class);
    return ((MapResult.Mapped) r).data();
  }

  @Test
  void withoutAMappingTheRecordPassesThrough() {
    assertThat(mapped("{\"name\":\"i\"}")).isEqualTo(record);
  }

  @Test
  void mapper1FieldsExtractHardCodeDefaultAndConvert() {
    JsonNode out =
        mapped(
            """
        {"mapping":{"fields":[
          {"extract":"id","generate":"externalId","dataType":"number"},
          {"extract":"customer.last","generate":"contact.lastName"},
          {"hardCodedValue":"web","generate":"channel"},
          {"extract":"email","generate":"email","default":"none@example.com"},
          {"extract":"missing","generate":"gone"},
          {"extract":"amount","generate":"total","dataType":"number"},
          {"extract":"active","generate":"isActive","dataType":"boolean"},
          {"extract":"{{record.customer.first}} {{record.customer.last}}","generate":"fullName"},
          {"extract":"country","generate":"countryName","lookupName":"countries"}]},
         "lookups":[{"name":"countries","map":{"DE":"Germany","FR":"France"}}]}""");
    assertThat(out.toString())
        .isEqualTo(
            "{\"externalId\":42,\"contact\":{\"lastName\":\"L\"},\"channel\":\"web\","
                + "\"email\":\"none@example.com\",\"total\":12.50,\"isActive\":true,\"fullName\":\"Ada L\",\"countryName\":\"Germany\"}");
  }

  @Test
  void mapper1ListsBuildArraysFromArrays() {
    JsonNode out =
        mapped(
            """
        {"mapping":{"fields":[{"extract":"id","generate":"orderId"}],
          "lists":[{"generate":"items","fields":[{"extract":"lines[*].sku","generate":"code"},
                                                 {"extract":"lines[*].qty","generate":"quantity","dataType":"number"},
                                                 {"hardCodedValue":"EA","generate":"unit"}]}]}}""");
    assertThat(out.get("items").toString())
        .isEqualTo(
            "[{\"code\":\"a\",\"quantity\":1,\"unit\":\"EA\"},{\"code\":\"b\",\"quantity\":2,\"unit\":\"EA\"}]");
  }

  @Test
  void failuresAreResultsNotExceptions() {
    MapResult bad =
        map(
            "{\"mapping\":{\"fields\":[{\"extract\":\"name\",\"generate\":\"n\",\"dataType\":\"number\"}]}}");
    assertThat(bad)
        .isInstanceOfSatisfying(
            MapResult.Failed.class,
            f -> {
              assertThat(f.message()).contains("Ada").contains("number");
              assertThat(f.field()).isEqualTo("n");
            });
    MapResult miss =
        map(
            """
        {"mapping":{"fields":[{"extract":"country","generate":"c","lookupName":"l"}]},"lookups":[{"name":"l","map":{"FR":"x"}}]}""");
    assertThat(miss)
        .isInstanceOfSatisfying(
            MapResult.Failed.class,
            f -> assertThat(f.code()).isEqualTo("cannot_evaluate_static_lookup"));
    JsonNode allowed =
        mapped(
            """
        {"mapping":{"fields":[{"extract":"country","generate":"c","lookupName":"l"}]},
         "lookups":[{"name":"l","map":{"FR":"x"},"allowFailures":true,"default":"?"}]}""");
    assertThat(allowed.get("c").asText()).isEqualTo("?");
  }

  @Test
  void mapper2BuildsNestedObjectsAndArrays() {
    JsonNode out =
        mapped(
            """
        {"mappings":[
          {"generate":"id","dataType":"number","extract":"$.id"},
          {"generate":"buyer","dataType":"object","mappings":[{"generate":"name","dataType":"string","extract":"$.customer.first"}]},
          {"generate":"lines","dataType":"objectarray","extract":"$.lines[*]","mappings":[
             {"generate":"sku","dataType":"string","extract":"$.lines[*].sku"},
             {"generate":"qty","dataType":"number","extract":"qty"},
             {"generate":"order","dataType":"string","extract":"$.id"}]},
          {"generate":"skus","dataType":"stringarray","extract":"$.lines[*].sku"},
          {"generate":"note","dataType":"string","extract":"$.email","conditional":{"when":"extract_not_empty"}},
          {"generate":"fixed","dataType":"string","hardCodedValue":"v"}]}""");
    assertThat(out.toString())
        .isEqualTo(
            "{\"id\":42,\"buyer\":{\"name\":\"Ada\"},\"lines\":[{\"sku\":\"a\",\"qty\":1,\"order\":\"42\"},"
                + "{\"sku\":\"b\",\"qty\":2,\"order\":\"42\"}],\"skus\":[\"a\",\"b\"],\"fixed\":\"v\"}");
  }

  @Test
  void malformedConfigurationIsRefusedUpFront() {
    assertThatThrownBy(
            () ->
                ImportMapper.of(
                    Json.parse("{\"mapping\":{\"fields\":[{\"extract\":\"a\"}]}}"), null))
        .hasMessageContaining("generate");
    assertThatThrownBy(
            () ->
                ImportMapper.of(
                    Json.parse("{\"mapping\":{\"fields\":[]},\"mappings\":[{\"generate\":\"a\"}]}"),
                    null))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> ImportMapper.of(Json.parse("{\"lookups\":[{\"map\":{}}]}"), null))
        .hasMessageContaining("name");
  }

  @Test
  void responseMappingCarriesArraysObjectsAndFields() {
    ResponseMapping rm =
        ResponseMapping.of(
            Json.parse(
                """
        {"fields":[{"extract":"data","generate":"orders"},{"extract":"data[0].total","generate":"firstTotal"},
                   {"extract":"id","generate":"target.id"}],
         "lists":[{"generate":"totals","fields":[{"extract":"data[*].total","generate":"t"}]}]}"""));
    JsonNode out =
        rm.apply(
            Json.parse("{\"n\":1}"),
            Json.parse("{\"data\":[{\"total\":5},{\"total\":7}],\"errors\":[]}"));
    assertThat(out.toString())
        .isEqualTo(
            "{\"n\":1,\"orders\":[{\"total\":5},{\"total\":7}],\"firstTotal\":5,\"totals\":[{\"t\":5},{\"t\":7}]}");
    assertThat(ResponseMapping.of(null).apply(record, Json.object())).isEqualTo(record);
    assertThatThrownBy(() -> ResponseMapping.of(Json.parse("{\"fields\":{}}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
