package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogicHelpersTest {
  private static final String CTX =
      """
      {"n":5,"s5":"5","ten":"10","nine":"9","name":"Ada","zero":0,"szero":"0","empty":"","none":[],"obj":{},
       "tags":["red","blue"],"nums":[1,2],"ok":true,"no":false,"state":"NE","qty":4,"phone":"5551234567"}""";

  private String r(String template) {
    return render(template, CTX);
  }

  private String cmp(String a, String op, String b) {
    return r("{{#compare " + a + " \"" + op + "\" " + b + "}}T{{else}}F{{/compare}}");
  }

  @Test
  void compareWithEveryOperator() {
    assertThat(
            cmp("n", "==", "s5")
                + cmp("n", "===", "s5")
                + cmp("n", "===", "5")
                + cmp("n", "!=", "s5")
                + cmp("n", "!==", "s5"))
        .isEqualTo("TFTFT");
    assertThat(
            cmp("n", "<", "ten") + cmp("n", "<=", "5") + cmp("n", ">", "4") + cmp("n", ">=", "6"))
        .isEqualTo("TTTF");
    // Numbers in text compare as numbers, other text as text.
    assertThat(cmp("nine", "<", "ten") + cmp("name", "<", "\"Bob\"") + cmp("name", ">", "\"Ab\""))
        .isEqualTo("TTT");
    assertThat(
            cmp("state", "===", "\"NE\"")
                + cmp("missing", "==", "\"\"")
                + cmp("missing", "===", "missing2"))
        .isEqualTo("TFT");
    assertThat(r("{{#compare phone.length \"===\" 10}}{{phone}}{{else}}0000000000{{/compare}}"))
        .isEqualTo("5551234567");
    assertThat(r("{{#if (compare qty \">\" 3)}}many{{/if}}")).isEqualTo("many");
  }

  @Test
  void eqIsLooseEquality() {
    assertThat(
            r(
                "{{eq n s5}} {{eq 5 \"5\"}} {{eq name \"Ada\"}} {{eq name \"ada\"}} {{eq missing empty}} {{eq ok \"true\"}}"))
        .isEqualTo("true true true false false false");
    assertThat(r("{{#if (eq n 5)}}five{{/if}}{{#eq name \"Ada\"}}-ada{{else}}-other{{/eq}}"))
        .isEqualTo("five-ada");
  }

  @Test
  void containsAndInArray() {
    assertThat(
            r(
                "{{#contains tags \"blue\"}}Y{{else}}N{{/contains}}{{#contains tags \"green\"}}Y{{else}}N{{/contains}}"))
        .isEqualTo("YN");
    assertThat(
            r(
                "{{#contains \"12345\" \"5\"}}Y{{else}}N{{/contains}}{{#contains missing \"x\"}}Y{{else}}N{{/contains}}"))
        .isEqualTo("YN");
    assertThat(
            r(
                "{{#contains nums 2}}Y{{else}}N{{/contains}}{{#inArray tags \"red\"}}Y{{else}}N{{/inArray}}{{#inArray name \"A\"}}Y{{else}}N{{/inArray}}"))
        .isEqualTo("YYN");
    assertThat(r("{{#startsWith \"Hel\" \"Hello\"}}Y{{else}}N{{/startsWith}}")).isEqualTo("Y");
  }

  @Test
  void andOrNotFollowJavaScriptTruthiness() {
    assertThat(
            r(
                "{{#and name n}}Y{{else}}N{{/and}}{{#and name zero}}Y{{else}}N{{/and}}{{#and name szero}}Y{{else}}N{{/and}}"))
        .isEqualTo("YNY");
    assertThat(
            r(
                "{{#or no missing}}Y{{else}}N{{/or}}{{#or no empty ok}}Y{{else}}N{{/or}}{{#or no zero none}}Y{{else}}N{{/or}}"))
        .isEqualTo("NYY");
    assertThat(
            r(
                "{{#not missing}}Y{{else}}N{{/not}}{{#not none}}Y{{else}}N{{/not}}{{#not empty}}Y{{else}}N{{/not}}"))
        .isEqualTo("YNY");
    assertThat(
            r("{{#neither no zero}}Y{{else}}N{{/neither}}{{#neither no n}}Y{{else}}N{{/neither}}"))
        .isEqualTo("YN");
    assertThat(r("{{#if (and ok (or no n))}}both{{/if}}|{{isTruthy szero}} {{isFalsey zero}}"))
        .isEqualTo("both|true true");
  }

  @Test
  void builtInBlocksStillWork() {
    assertThat(
            r(
                "{{#if ok}}a{{else}}b{{/if}}{{#unless ok}}c{{else}}d{{/unless}}{{#with tags}}{{this.[1]}}{{/with}}"))
        .isEqualTo("adblue");
    assertThat(
            r(
                "{{#isEmpty none}}E{{/isEmpty}}{{#isEmpty obj}}E{{/isEmpty}}{{#isEmpty tags}}E{{else}}F{{/isEmpty}}{{#isEmpty missing}}E{{/isEmpty}}"))
        .isEqualTo("EEFE");
    assertThat(r("{{typeOf name}} {{typeOf n}} {{typeOf tags}} {{typeOf obj}} {{typeOf ok}}"))
        .isEqualTo("string number array object boolean");
  }

  @Test
  void misuseIsATemplateException() {
    assertThatThrownBy(() -> r("{{#compare n \"<>\" 4}}x{{/compare}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("compare: unknown operator \"<>\"");
    assertThatThrownBy(() -> r("{{#compare n}}x{{/compare}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("compare:");
  }
}
