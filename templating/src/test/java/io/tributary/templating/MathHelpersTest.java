package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MathHelpersTest {
  private static final String CTX =
      """
      {"item1":"33","item2":"11","item3":"100","qty":3,"price":19.99,"items":[2,5,7,8,9],"money":[0.1,0.2]}""";

  private String r(String template) {
    return render(template, CTX);
  }

  @Test
  void addSumAndAvgTakeAnyNumberOfValuesAndArrays() {
    assertThat(
            r(
                "{{add item1 item2 item3}}|{{add \"2\" \"5\" \"2\"}}|{{add item1 \"2\" \"3\" item3}}|{{add 1 2.5}}"))
        .isEqualTo("144|9|138|3.5");
    assertThat(
            r(
                "{{avg item1 item2 item3}}|{{avg \"2\" \"5\" \"2\"}}|{{avg item1 \"2\" \"3\" item3}}"))
        .isEqualTo("48|3|34.5");
    assertThat(r("{{sum items}}|{{sum 1 2 3}}|{{sum money}}|{{avg items}}|{{sum missing}}"))
        .isEqualTo("31|6|0.3|6.2|0");
  }

  @Test
  void subtractMultiplyDivideModulo() {
    assertThat(
            r("{{subtract 6 3}}|{{subtract 1 2.5}}|{{multiply qty price}}|{{multiply \"0.1\" 3}}"))
        .isEqualTo("3|-1.5|59.97|0.3");
    assertThat(
            r(
                "{{divide \"2002\" \"100\"}}|{{divide 10 4}}|{{divide 1 3}}|{{modulo 7 3}}|{{modulo -7 3}}"))
        .isEqualTo("20.02|2.5|0.3333333333333333|1|-1");
  }

  @Test
  void roundingHelpers() {
    assertThat(
            r(
                "{{round \"29.77\"}}|{{round 2.5}}|{{round -2.5}}|{{round 2.456 2}}|{{round 1234 -2}}"))
        .isEqualTo("30|3|-2|2.46|1200");
    assertThat(r("{{ceil \"45.02\"}}|{{floor 22.44}}|{{floor -1.5}}|{{abs \"-123\"}}"))
        .isEqualTo("46|22|-2|123");
    assertThat(r("{{toFixed 123.456789 4}}|{{toFixed 3 2}}|{{toFixed 1.005 2}}|{{toFixed 2.5}}"))
        .isEqualTo("123.4568|3.00|1.01|3");
  }

  @Test
  void resultsChainIntoOtherHelpers() {
    assertThat(r("{{multiply (add qty 1) 2}}|{{toFixed (divide 10 3) 2}}")).isEqualTo("8|3.33");
    assertThat(r("{{#compare (add qty 1) \">\" 3}}more{{else}}less{{/compare}}")).isEqualTo("more");
  }

  @Test
  void wrongInputIsATemplateException() {
    assertThatThrownBy(() -> r("{{divide 1 0}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("divide: division by zero");
    assertThatThrownBy(() -> r("{{modulo 1 \"0\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("division by zero");
    assertThatThrownBy(() -> r("{{add \"x\" 1}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("add: \"x\" is not a number");
    assertThatThrownBy(() -> r("{{subtract 1}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("subtract: argument 2 is missing");
    assertThatThrownBy(() -> r("{{toFixed 1 -1}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("toFixed");
  }
}
