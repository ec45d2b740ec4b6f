package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A template that cannot render fails with a TemplateException naming the problem and the template;
 * never silently.
 */
class TemplateErrorsTest {
  private static final String CTX = "{\"record\":{\"x\":1,\"items\":[1]}}";

  private static void fails(String template, String why) {
    assertThatThrownBy(() -> render(template, CTX))
        .isExactlyInstanceOf(TemplateException.class)
        .hasMessageContaining(why)
        .hasMessageContaining(
            "in template \"" + template.substring(0, Math.min(template.length(), 20)));
  }

  @Test
  void unknownHelpersFailEvenInBranchesNotTaken() {
    fails("{{nope record.x}}", "unknown helper \"nope\"");
    fails("{{#if (nope 1)}}x{{/if}}", "unknown helper \"nope\"");
    fails("{{#if false}}{{nope record.x}}{{/if}}", "unknown helper \"nope\"");
    fails("{{#nope record.x}}y{{/nope}}", "unknown helper \"nope\"");
    fails("{{uppercase (nope \"a\" 1)}}", "unknown helper \"nope\"");
    fails("{{record.x \"arg\"}}", "\"record.x\" is a value, not a helper");
    fails("{{#if (@root.record.x 1)}}y{{/if}}", "\"@root.record.x\" is a value, not a helper");
  }

  @Test
  void aBareUnknownNameIsAMissingVariableNotAHelper() {
    assertThat(render("[{{nope}}][{{{nope}}}]", CTX)).isEqualTo("[][]");
  }

  @Test
  void malformedTemplates() {
    fails("{{#each record.items}}", "");
    fails("{{#if record.x}}a{{/each}}", "");
    fails("{{record.x", "");
    fails("{{/if}}", "");
    fails("{{#each record.items}}x{{/each", "");
    fails("{{> aPartial}}", "");
    fails("{{{record.x}}", "");
  }

  @Test
  void theSameTemplateFailsTheSameWayOnceCached() {
    for (int i = 0; i < 3; i++) fails("{{nope record.x}}", "unknown helper \"nope\"");
  }

  @Test
  void braceRunsAfterAnExpressionAreLiteralText() {
    assertThat(render("{\"a\":{\"b\":{{record.x}}}}", CTX)).isEqualTo("{\"a\":{\"b\":1}}");
    assertThat(render("{\"a\":{\"b\":\"{{{record.x}}}\"}}", CTX))
        .isEqualTo("{\"a\":{\"b\":\"1\"}}");
    assertThat(render("{{{{raw}}}}{{nope record.x}}{{{{/raw}}}}", CTX))
        .isEqualTo("{{nope record.x}}");
  }

  @Test
  void commentsMayMentionAnything() {
    assertThat(render("a{{! call nope record.x }}b", CTX)).isEqualTo("ab");
  }
}
