package io.tributary.templating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How names resolve against the JSON context and how values print (section 7.1 of the spec). */
class ContextRulesTest {
  private final Templates t =
      new Templates(Clock.fixed(Instant.parse("2026-11-28T12:34:56.789Z"), ZoneOffset.UTC));
  private final JsonNode ctx =
      Json.parse(
          """
      {"record":{"customer":{"id":"C-9"},"Field With Spaces":"spaced","items":[{"name":"bolt","qty":2},{"name":"nut","qty":3}],
                 "big":12345678901234567890,"price":2.50,"whole":1.0,"neg":-3,"ok":true,"off":false,"nothing":null,
                 "obj":{"a":[1,"x"]},"list":[1,2.5,"s"],"word":"héllo"},
       "data":[{"x":"first"},{"x":"second"}],
       "settings":{"flow":{"x":"fx"},"integration":{"y":"iy"}},
       "params":{"sku":"A/1 2"},"job":{"_id":"j1"},"connection":{"http":{"baseURI":"https://api.example.com"}},
       "lastExportDateTime":"2026-01-01T00:00:00.000Z","export":{"http":{"paging":{"page":3}}},"title":"T"}""");

  private String r(String template) {
    return t.render(template, ctx);
  }

  @Test
  void everyRootOfTheContextResolves() {
    assertThat(r("{{record.customer.id}}")).isEqualTo("C-9");
    assertThat(r("{{record.[Field With Spaces]}}")).isEqualTo("spaced");
    assertThat(r("{{record.items.[0].name}}|{{record.items.[1].name}}")).isEqualTo("bolt|nut");
    assertThat(r("{{data.0.x}}|{{data.1.x}}")).isEqualTo("first|second");
    assertThat(r("{{settings.flow.x}}|{{settings.integration.y}}")).isEqualTo("fx|iy");
    assertThat(r("{{params.sku}}")).isEqualTo("A/1 2");
    assertThat(r("{{job._id}}")).isEqualTo("j1");
    assertThat(r("{{connection.http.baseURI}}")).isEqualTo("https://api.example.com");
    assertThat(r("{{lastExportDateTime}}")).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(r("{{export.http.paging.page}}")).isEqualTo("3");
    assertThat(r("{{@root.connection.http.baseURI}}")).isEqualTo("https://api.example.com");
  }

  @Test
  void valuesPrintAsJsonWouldAndNothingIsHtmlEscaped() {
    assertThat(r("{{record.price}} {{record.whole}} {{record.neg}} {{record.big}}"))
        .isEqualTo("2.5 1 -3 12345678901234567890");
    assertThat(r("{{record.ok}} {{record.off}}")).isEqualTo("true false");
    assertThat(r("{{record.obj}}")).isEqualTo("{\"a\":[1,\"x\"]}");
    assertThat(r("{{record.list}}")).isEqualTo("[1,2.5,\"s\"]");
    assertThat(r("{{{record.obj}}}")).isEqualTo("{\"a\":[1,\"x\"]}");
    assertThat(r("{{record.word}}")).isEqualTo("héllo");
    assertThat(t.render("{{a}} {{{a}}}", Json.parse("{\"a\":\"<b> & 'q' = \\\"x\\\"\"}")))
        .isEqualTo("<b> & 'q' = \"x\" <b> & 'q' = \"x\"");
  }

  @Test
  void missingAndNullValuesRenderEmpty() {
    assertThat(
            r(
                "[{{record.missing}}][{{record.nothing}}][{{nope.deeper.still}}][{{record.items.[9].name}}]"))
        .isEqualTo("[][][][]");
  }

  @Test
  void lengthOfArraysAndStrings() {
    assertThat(r("{{record.items.length}} {{record.word.length}}")).isEqualTo("2 5");
  }

  @Test
  void blockScopesAndDataVariables() {
    assertThat(
            r(
                "{{#each record.items}}{{@index}}={{this.name}}/{{name}}{{#if @first}}(first){{/if}}{{#if @last}}(last){{/if}};{{/each}}"))
        .isEqualTo("0=bolt/bolt(first);1=nut/nut(last);");
    assertThat(r("{{#each record.customer}}{{@key}}:{{this}}{{/each}}")).isEqualTo("id:C-9");
    // As in Handlebars.js, ../ leaves the block: inside #each record.items it is the root, not
    // record.
    assertThat(
            r(
                "{{#each record.items}}{{../record.customer.id}}-{{../title}}-{{@root.title}} {{/each}}"))
        .isEqualTo("C-9-T-T C-9-T-T ");
    assertThat(r("{{#each record.items}}{{#each ../data}}{{../name}}{{x}} {{/each}}{{/each}}"))
        .isEqualTo("boltfirst boltsecond nutfirst nutsecond ");
    assertThat(r("{{#each record.list}}{{this}},{{/each}}")).isEqualTo("1,2.5,s,");
    assertThat(r("{{#with record.customer}}{{id}} {{../title}} {{@root.job._id}}{{/with}}"))
        .isEqualTo("C-9 T j1");
    assertThat(
            r(
                "{{#each record.items}}{{#unless @last}}{{name}},{{else}}{{name}}{{/unless}}{{/each}}"))
        .isEqualTo("bolt,nut");
    assertThat(r("{{#each record.items as |item i|}}{{i}}{{item.name}}{{/each}}"))
        .isEqualTo("0bolt1nut");
    assertThat(r("{{#each record.missing}}x{{else}}none{{/each}}")).isEqualTo("none");
  }

  @Test
  void ifTreatsEmptyAndZeroAsFalse() {
    assertThat(
            r(
                "{{#if record.ok}}a{{/if}}{{#if record.off}}b{{/if}}{{#if record.nothing}}c{{else}}d{{/if}}"))
        .isEqualTo("ad");
    assertThat(
            t.render(
                "{{#if z}}y{{else}}n{{/if}}{{#if e}}y{{else}}n{{/if}}{{#if l}}y{{else}}n{{/if}}",
                Json.parse("{\"z\":0,\"e\":\"\",\"l\":[]}")))
        .isEqualTo("nnn");
  }

  @Test
  void textOutsideMustachesIsKeptAsIs() {
    assertThat(r("no template here & <ok>")).isEqualTo("no template here & <ok>");
    assertThat(r("{\"id\":\"{{record.customer.id}}\",\"p\":{\"q\":{{record.price}}}}"))
        .isEqualTo("{\"id\":\"C-9\",\"p\":{\"q\":2.5}}");
    assertThat(r("{{{{raw}}}}{{record.customer.id}}{{{{/raw}}}}"))
        .isEqualTo("{{record.customer.id}}");
    assertThat(r("a{{! a comment }}b{{!-- another --}}c")).isEqualTo("abc");
    assertThat(r("\\{{record.customer.id}}")).isEqualTo("{{record.customer.id}}");
  }

  @Test
  void uriModeEncodesDoubleStashAsAComponentAndLeavesTripleStashRaw() {
    assertThat(t.renderUri("/items/{{params.sku}}?raw={{{params.sku}}}&w={{record.word}}", ctx))
        .isEqualTo("/items/A%2F1%202?raw=A/1 2&w=h%C3%A9llo");
    assertThat(t.renderUri("/p/{{export.http.paging.page}}/{{record.customer.id}}", ctx))
        .isEqualTo("/p/3/C-9");
    assertThat(t.renderUri("/q?x={{a}}", Json.parse("{\"a\":\"it's (ok)*~!\"}")))
        .isEqualTo("/q?x=it's%20(ok)*~!");
  }

  @Test
  void isTemplateLooksForDoubleBraces() {
    assertThat(Templates.isTemplate("a {{b}}")).isTrue();
    assertThat(Templates.isTemplate("a {b}")).isFalse();
    assertThat(Templates.isTemplate(null)).isFalse();
  }
}
