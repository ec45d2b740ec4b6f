package io.tributary.adaptors.rdbms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgCopyCsvTest {
  private static String csv(String json) {
    JsonNode v = json == null ? null : Json.parse("[" + json + "]").get(0);
    PgCopy.Csv csv = new PgCopy.Csv(2); // tiny, so that every write has to grow it
    csv.field(v);
    return new String(csv.bytes, 0, csv.size, StandardCharsets.UTF_8);
  }

  @Test
  void nullIsAnEmptyUnquotedFieldAndTextIsQuoted() {
    assertThat(csv(null)).isEmpty();
    assertThat(csv("null")).isEmpty();
    assertThat(csv("\"\"")).isEqualTo("\"\"");
    assertThat(csv("\"a,b\\nc\"")).isEqualTo("\"a,b\nc\"");
    assertThat(csv("\"say \\\"hi\\\"\"")).isEqualTo("\"say \"\"hi\"\"\"");
  }

  @Test
  void nonAsciiTextIsUtf8WithQuotesStillDoubled() {
    assertThat(csv("\"café \\\"€\\\" 😀\"")).isEqualTo("\"café \"\"€\"\" 😀\"");
  }

  @Test
  void numbersAndBooleansAreBare() {
    assertThat(csv("12345678901234")).isEqualTo("12345678901234");
    assertThat(csv("-7")).isEqualTo("-7");
    assertThat(csv("19.99")).isEqualTo("19.99");
    assertThat(csv("123456789012345678901234567890")).isEqualTo("123456789012345678901234567890");
    assertThat(csv("true")).isEqualTo("true");
  }

  @Test
  void objectsAndArraysAreQuotedJson() {
    assertThat(csv("{\"k\":\"v\"}")).isEqualTo("\"{\"\"k\"\":\"\"v\"\"}\"");
    assertThat(csv("[1,2]")).isEqualTo("\"[1,2]\"");
  }
}
