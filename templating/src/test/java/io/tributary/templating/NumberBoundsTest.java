package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2: a 12-byte number from remote data must not render into tens of megabytes.
 * Numbers too large to print in full, or to compute with, make the template fail (and so their
 * record alone), on the fast path ({@link InlineCall}) and on Handlebars' alike.
 */
class NumberBoundsTest {
  // 30 million digits written out in full: enough to show the amplification, small enough not to
  // take the test JVM down.
  private static final String HUGE =
      "{\"record\":{\"n\":1e30000000,\"tiny\":1e-30000000,\"s\":\"1e30000000\",\"ok\":1e300}}";

  private static void refused(String template) {
    assertThatThrownBy(() -> render(template, HUGE))
        .as(template)
        .isExactlyInstanceOf(TemplateException.class);
  }

  @Test
  void hugeNumbersAreRefusedOnEveryPath() {
    refused("{{record.n}}"); // InlineCall: one path
    refused("{{{record.n}}}");
    refused("n={{record.n}}"); // Handlebars
    refused("{{#if record.n}}{{record.n}}{{/if}}");
    refused("{{record.tiny}}");
    refused("{{add record.n 1}}"); // InlineCall with a helper
    refused("{{floor record.n}}");
    refused("{{round record.n 2}}");
    refused("{{toFixed record.n 2}}");
    refused("{{multiply record.s 2}}"); // a number spelled in text
    refused("{{#if (add record.n 1)}}x{{/if}}");
    refused("{{round record.ok 1000000000}}"); // a scale from the template is bounded too
  }

  @Test
  void theMessageNamesTheNumberWithoutPrintingIt() {
    assertThatThrownBy(() -> render("{{record.n}}", HUGE))
        .hasMessageContaining("1E+30000000")
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> render("{{add record.n 1}}", HUGE))
        .hasMessageContaining("add")
        .hasMessageContaining("out of range");
  }

  @Test
  void numbersUpToTheDoubleRangeStillPrintInFull() {
    assertThat(render("{{record.ok}}", HUGE)).hasSize(301).startsWith("1000");
    assertThat(render("{{add record.ok 1}}", HUGE)).hasSize(301).endsWith("0001");
    assertThat(render("{{record.n}}", "{\"record\":{\"n\":12.50}}")).isEqualTo("12.5");
  }

  @Test
  void longDigitStringsAreNotNumbers() {
    String digits = "9".repeat(5000);
    assertThatThrownBy(
            () -> render("{{add record.s 1}}", "{\"record\":{\"s\":\"" + digits + "\"}}"))
        .isExactlyInstanceOf(TemplateException.class)
        .hasMessageContaining("is not a number");
  }
}
