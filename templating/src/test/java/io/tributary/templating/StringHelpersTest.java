package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringHelpersTest {
  private static final String CTX =
      """
      {"record":{"name":"  Ada Lovelace ","tags":["a","b"],"full":"Hillary-Ann-Swank","n":7}}""";

  private String r(String template) {
    return render(template, CTX);
  }

  @Test
  void caseAndWhitespace() {
    assertThat(
            r("{{uppercase \"library\"}}|{{lowercase \"HERE WE GO!\"}}|{{uppercase record.name}}"))
        .isEqualTo("LIBRARY|here we go!|  ADA LOVELACE ");
    assertThat(r("[{{trim record.name}}][{{trimLeft \" x \"}}][{{trimRight \" x \"}}]"))
        .isEqualTo("[Ada Lovelace][x ][ x]");
    assertThat(r("{{capitalize \"hello world\"}}|{{capitalizeAll \"the quick brown fox\"}}"))
        .isEqualTo("Hello world|The Quick Brown Fox");
    assertThat(r("{{uppercase record.missing}}|{{uppercase record.n}}")).isEqualTo("|7");
  }

  @Test
  void replaceReplacesEveryOccurrenceAndReplacefirstOnlyOne() {
    assertThat(r("{{replace \"these & those & them\" \"&\" \"and\"}}"))
        .isEqualTo("these and those and them");
    assertThat(r("{{replace \"a.b.c\" \".\" \"$1\"}}")).isEqualTo("a$1b$1c");
    assertThat(r("{{replacefirst \"a b a b\" \"a\" \"z\"}}")).isEqualTo("z b a b");
  }

  @Test
  void splitAnswersOneElementDefaultingToTheFirst() {
    assertThat(
            r(
                "{{split record.full \"-\" 1}}|{{split record.full \"-\"}}|[{{split record.full \"-\" 9}}]"))
        .isEqualTo("Ann|Hillary|[]");
    assertThat(r("{{uppercase (split record.full \"-\" 2)}}")).isEqualTo("SWANK");
  }

  @Test
  void joinTakesAnyNumberOfValuesAndSpreadsArrays() {
    assertThat(r("{{join \"/\" \"root\" \"images\" \"logo.png\"}}"))
        .isEqualTo("root/images/logo.png");
    assertThat(r("{{join \", \" record.tags \"c\" record.missing}}")).isEqualTo("a, b, c");
  }

  @Test
  void substringFollowsJavaScript() {
    assertThat(
            r(
                "{{substring \"Celigo\" 1 4}}|{{substring \"Celigo\" 2}}|{{substring \"Celigo\" 4 1}}|{{substring \"Celigo\" -3 99}}"))
        .isEqualTo("eli|ligo|eli|Celigo");
  }

  @Test
  void paddingAndReversing() {
    assertThat(
            r(
                "{{padLeft \"CUST123\" 10 \"0\"}}|{{padRight \"XYZ\" 6 \"*\"}}|{{padLeft \"abc\" 2 \"0\"}}|[{{padLeft \"a\" 3}}]"))
        .isEqualTo("000CUST123|XYZ***|abc|[  a]");
    assertThat(r("{{reverse \"abcde\"}}|{{reverse record.tags}}")).isEqualTo("edcba|[\"b\",\"a\"]");
  }

  @Test
  void regexHelpersUseIntegratorIoArgumentOrder() {
    // regexReplace value replacement regex [flags]
    assertThat(r("{{regexReplace \"ABC-123 45\" \"\" \"[ -]\"}}")).isEqualTo("ABC12345");
    assertThat(r("{{regexReplace \"a1b22\" \"#\" \"\\d+\"}}")).isEqualTo("a#b#");
    assertThat(r("{{regexReplace \"John Smith\" \"$2, $1\" \"(\\w+) (\\w+)\"}}"))
        .isEqualTo("Smith, John");
    assertThat(
            r(
                "{{regexReplace \"aAa\" \"x\" \"a\" \"i\"}}|{{regexReplace \"aAa\" \"x\" \"a\" \"gi\"}}"))
        .isEqualTo("xAa|xxx");
    assertThat(
            r(
                "{{regexMatch \"Order ID: 12345, ref 67890\" \"[0-9]{5}\"}}|{{regexMatch \"Order ID: 12345, ref 67890\" \"[0-9]{5}\" 1}}"))
        .isEqualTo("12345|67890");
    assertThat(
            r(
                "[{{regexMatch \"abc\" \"\\d\"}}]|{{regexSearch \"$1499.95\" \"\\.\"}}|{{regexSearch \"abc\" \"z\"}}"))
        .isEqualTo("[]|5|-1");
  }
}
