package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayHelpersTest {
  private static final String CTX =
      """
      {"letters":["a","b","c","d"],"cats":["A","B","A","C","B"],"products":[{"sku":"A1","dim":{"w":2}},{"sku":"A2","dim":{"w":3}}],
       "one":"x","empty":[]}""";

  private String r(String template) {
    return render(template, CTX);
  }

  @Test
  void firstAndLast() {
    assertThat(
            r(
                "{{first letters}}{{last letters}}|{{first letters 2}}|{{last letters 3}}|[{{first empty}}][{{last missing}}]"))
        .isEqualTo("ad|[\"a\",\"b\"]|[\"b\",\"c\",\"d\"]|[][]");
    assertThat(r("{{#with (first products)}}{{sku}}{{/with}}")).isEqualTo("A1");
  }

  @Test
  void slicingAndShaping() {
    assertThat(r("{{after letters 2}}|{{before letters 2}}|{{after letters 9}}"))
        .isEqualTo("[\"c\",\"d\"]|[\"a\",\"b\"]|[]");
    assertThat(r("{{arrayify one}}|{{arrayify missing}}|{{arrayify letters}}"))
        .isEqualTo("[\"x\"]|[]|[\"a\",\"b\",\"c\",\"d\"]");
    assertThat(r("{{unique cats}}|{{pluck products \"sku\"}}|{{pluck products \"dim.w\"}}"))
        .isEqualTo("[\"A\",\"B\",\"C\"]|[\"A1\",\"A2\"]|[2,3]");
    assertThat(r("{{#each (pluck products \"sku\")}}{{@index}}{{this}} {{/each}}"))
        .isEqualTo("0A1 1A2 ");
    assertThat(r("{{sum (pluck products \"dim.w\")}}")).isEqualTo("5");
  }
}
