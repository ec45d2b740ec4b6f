package io.tributary.templating;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import io.tributary.adaptors.json.Json;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast form of one-mustache templates must print exactly what Handlebars prints: each template
 * is rendered as it is (fast form) and with an empty comment appended (which only Handlebars can
 * render), over the same context, and the two answers (or failures) compared.
 */
class InlineCallTest {
  private static final JsonNode CTX =
      Json.parse(
          """
      {"email":"User1@Example.COM","n":42,"big":12345678901234,"dec":1.25,"zero":0.0,"neg":-3.5,"yes":true,"no":false,
       "nul":null,"text":"33","words":"a b c","obj":{"k":"v","n":[1,2]},"arr":[1,"two",{"x":3}],"empty":"",
       "date":"2026-03-04T05:06:07Z","record":{"email":"Rec@Example.COM","amount":19.99,"qty":3,"tags":["x","y"],
       "nested":{"deep":{"v":"d"}},"nul":null}}""");

  private static final List<String> TEMPLATES =
      List.of(
          "{{email}}",
          "{{{email}}}",
          "{{ email }}",
          "{{n}}",
          "{{big}}",
          "{{dec}}",
          "{{zero}}",
          "{{neg}}",
          "{{yes}}",
          "{{no}}",
          "{{nul}}",
          "{{missing}}",
          "{{obj}}",
          "{{obj.k}}",
          "{{obj.n}}",
          "{{arr}}",
          "{{record.nested.deep.v}}",
          "{{record.missing.deeper}}",
          "{{text.x}}",
          "{{record.nul}}",
          "{{record.tags}}",
          "{{lowercase record.email}}",
          "{{uppercase email}}",
          "{{lowercase missing}}",
          "{{lowercase n}}",
          "{{lowercase obj}}",
          "{{multiply record.amount 100}}",
          "{{multiply dec 100}}",
          "{{multiply text 2}}",
          "{{multiply n -1}}",
          "{{multiply missing 2}}",
          "{{multiply email 2}}",
          "{{add n dec 1}}",
          "{{add record.tags 1}}",
          "{{sum arr}}",
          "{{subtract text dec}}",
          "{{divide n 0}}",
          "{{divide n 8}}",
          "{{toFixed dec 1}}",
          "{{round neg}}",
          "{{abs neg}}",
          "{{modulo n 5}}",
          "{{replace words \"b\" 'B'}}",
          "{{substring email 0 4}}",
          "{{split words \" \" 1}}",
          "{{join record.tags \"-\"}}",
          "{{padLeft text 5 \"0\"}}",
          "{{trim words}}",
          "{{capitalizeAll words}}",
          "{{reverse email}}",
          "{{eq n 42}}",
          "{{eq text 33}}",
          "{{compare n \">\" 40}}",
          "{{and yes no}}",
          "{{or no nul}}",
          "{{not empty}}",
          "{{isEmpty nul}}",
          "{{typeOf obj}}",
          "{{contains words \"b\"}}",
          "{{inArray record.tags \"y\"}}",
          "{{startsWith email \"User\"}}",
          "{{first record.tags}}",
          "{{last arr}}",
          "{{pluck arr \"x\"}}",
          "{{unique record.tags}}",
          "{{dateFormat \"YYYY-MM-DD\" date}}",
          "{{timestamp}}",
          "{{dateAdd date 86400000}}",
          "{{jsonEncode obj}}",
          "{{jsonSerialize arr}}",
          "{{encodeURI words}}",
          "{{hash \"sha256\" \"hex\" email}}",
          "{{regexReplace email \"x\" \"[A-Z]\" \"g\"}}",
          "{{regexMatch email \"[0-9]+\"}}",
          "{{isTruthy text}}",
          "{{typeOf missing}}",
          "{{lowercase true}}",
          "{{uppercase 'q'}}",
          "{{multiply record.qty record.amount}}",
          "{{raw email}}",
          "{{lookup obj \"k\"}}",
          "{{this}}",
          "{{obj.length}}");

  private final Templates templates = new Templates(Clock.fixed(Fixture.NOW, ZoneOffset.UTC));

  @Test
  void printsWhatHandlebarsPrints() {
    for (String t : TEMPLATES) {
      assertThat(outcome(t))
          .as(t)
          .isEqualTo(
              outcome(t + "{{! rendered by Handlebars }}")
                  .replace("{{! rendered by Handlebars }}", ""));
    }
  }

  @Test
  void theCommonShapesTakeTheFastForm() {
    Handlebars hb = new Handlebars().with(EscapingStrategy.NOOP);
    Helpers.registerAll(hb, Clock.systemUTC());
    for (String t :
        List.of(
            "{{email}}",
            "{{{record.nested.deep.v}}}",
            "{{lowercase record.email}}",
            "{{multiply record.amount 100}}",
            "{{replace words \"b\" 'B'}}",
            "{{and yes no}}",
            "{{raw email}}")) {
      assertThat(InlineCall.of(hb, t)).as(t).isNotNull();
    }
    for (String t :
        List.of(
            "{{#if yes}}x{{/if}}",
            "a{{email}}",
            "{{email}}{{n}}",
            "{{lowercase (uppercase email)}}",
            "{{timestamp}}",
            "{{this}}",
            "{{obj.length}}",
            "{{arr.[0]}}",
            "{{@index}}",
            "{{lookup obj \"k\"}}",
            "{{add n 1.5}}",
            "{{x key=1}}",
            "{{../a}}",
            "{{lowercase \"a\"b}}")) {
      assertThat(InlineCall.of(hb, t)).as(t).isNull();
    }
  }

  /** The rendered text, or the failure's message without the template it names. */
  private String outcome(String template) {
    try {
      return "ok: " + templates.render(template, CTX);
    } catch (TemplateException e) {
      return "failed: " + e.getMessage().replace(template, "");
    }
  }
}
