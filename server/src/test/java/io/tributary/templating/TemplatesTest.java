package io.tributary.templating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.web.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  private final Templates t = new Templates(Clock.fixed(Instant.parse("2026-11-28T12:34:56.789Z"), ZoneOffset.UTC));
  private final JsonNode ctx = Json.parse("""
      {"record":{"id":7,"name":"Ada & Bob","price":2.50,"ok":true,"tags":["a","b"],"Full Name":"A B",
        "items":[{"sku":"x1","qty":2},{"sku":"y2","qty":3}],"when":"2026-01-02T03:04:05Z","nested":{"k":1}},
       "settings":{"flow":{"region":"eu"}},"params":{"sku":"A/1 2"},"lastExportDateTime":"2026-01-01T00:00:00.000Z"}""");

  private String r(String template) {
    return t.render(template, ctx);
  }

  @Test
  void rendersPathsAndRootsWithoutHtmlEscaping() {
    assertThat(r("{{record.id}}-{{record.name}}-{{{record.name}}}")).isEqualTo("7-Ada & Bob-Ada & Bob");
    assertThat(r("{{record.[Full Name]}}|{{record.items.[1].sku}}|{{settings.flow.region}}|{{lastExportDateTime}}"))
        .isEqualTo("A B|y2|eu|2026-01-01T00:00:00.000Z");
    assertThat(r("{{record.price}} {{record.ok}} {{record.nested}} {{record.missing}}")).isEqualTo("2.5 true {\"k\":1} ");
    assertThat(r("no template")).isEqualTo("no template");
    assertThat(r("{\"note\":\"call (foo bar)\",\"id\":{{record.id}}}")).isEqualTo("{\"note\":\"call (foo bar)\",\"id\":7}");
  }

  @Test
  void uriModeEncodesDoubleStashOnly() {
    assertThat(t.renderUri("/items/{{params.sku}}?raw={{{params.sku}}}", ctx)).isEqualTo("/items/A%2F1%202?raw=A/1 2");
  }

  @Test
  void blocksAndLogic() {
    assertThat(r("{{#each record.items}}{{@index}}:{{sku}}{{#unless @last}},{{/unless}}{{/each}}")).isEqualTo("0:x1,1:y2");
    assertThat(r("{{#with record.nested}}{{k}}{{/with}}")).isEqualTo("1");
    assertThat(r("{{#if record.ok}}yes{{else}}no{{/if}}")).isEqualTo("yes");
    assertThat(r("{{#compare record.id \">\" 5}}big{{else}}small{{/compare}}")).isEqualTo("big");
    assertThat(r("{{#compare record.name \"==\" \"x\"}}same{{else}}other{{/compare}}")).isEqualTo("other");
    assertThat(r("{{#contains record.tags \"b\"}}has b{{/contains}}")).isEqualTo("has b");
    assertThat(r("{{#and record.ok record.id}}both{{/and}}{{#or false record.missing}}x{{else}}neither{{/or}}")).isEqualTo("bothneither");
    assertThat(r("{{#not record.missing}}absent{{/not}}")).isEqualTo("absent");
    assertThat(r("{{#if (eq record.id 7)}}seven{{/if}}")).isEqualTo("seven");
  }

  @Test
  void stringAndMathHelpers() {
    assertThat(r("{{uppercase record.name}} {{lowercase \"AbC\"}} [{{trim \"  x \"}}]")).isEqualTo("ADA & BOB abc [x]");
    assertThat(r("{{replace \"a-b-c\" \"-\" \"+\"}} {{split \"a,b,c\" \",\" 1}} {{join \"|\" record.tags}}")).isEqualTo("a+b+c b a|b");
    assertThat(r("{{substring \"abcdef\" 1 3}} {{regexReplace \"a1b22\" \"\\d+\" \"#\"}}")).isEqualTo("bc a#b#");
    assertThat(r("{{add 1 2.5}} {{subtract 10 4}} {{multiply record.price 4}} {{divide 10 4}}")).isEqualTo("3.5 6 10 2.5");
    assertThat(r("{{round 2.456 2}} {{toFixed 3 2}} {{sum (jsonParse \"[1,2,3]\")}} {{avg (jsonParse \"[1,2]\")}}"))
        .isEqualTo("2.46 3.00 6 1.5");
    assertThat(r("{{first record.tags}}{{last record.tags}}")).isEqualTo("ab");
  }

  @Test
  void encodingAndCryptoHelpers() {
    assertThat(r("{{base64Encode \"hi\"}} {{base64Decode \"aGk=\"}} {{encodeURI \"a b/c\"}}")).isEqualTo("aGk= hi a%20b%2Fc");
    assertThat(r("{{jsonEncode record.tags}}")).isEqualTo("[\"a\",\"b\"]");
    assertThat(r("{{hash \"sha256\" \"abc\"}}")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(r("{{hmac \"sha256\" \"key\" \"The quick brown fox jumps over the lazy dog\"}}"))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    assertThat(r("{{hmac \"sha1\" \"key\" \"x\" \"base64\"}}")).matches("[A-Za-z0-9+/]+=*");
  }

  @Test
  void dateHelpers() {
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm\" record.when}}")).isEqualTo("2026-01-02 03:04");
    assertThat(r("{{dateFormat \"YYYY-MM-DD HH:mm Z\" record.when \"America/New_York\"}}")).isEqualTo("2026-01-01 22:04 -05:00");
    assertThat(r("{{dateFormat \"X\" \"02/01/2026\" \"DD/MM/YYYY\" \"UTC\"}}")).isEqualTo("1767312000");
    assertThat(r("{{dateAdd record.when 86400000}}")).isEqualTo("2026-01-03T03:04:05Z");
    assertThat(r("{{timestamp}}")).isEqualTo("2026-11-28T12:34:56.789Z");
    assertThat(r("{{timestamp \"YYYYMMDD\"}}")).isEqualTo("20261128");
  }

  @Test
  void mistakesAreTemplateExceptionsNeverSilent() {
    assertThatThrownBy(() -> r("{{nope record.id}}")).isInstanceOf(TemplateException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> r("{{#each record.items}}")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> r("{{#if (nope 1)}}x{{/if}}")).isInstanceOf(TemplateException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> r("{{divide 1 0}}")).isInstanceOf(TemplateException.class).hasMessageContaining("zero");
    assertThatThrownBy(() -> r("{{dateFormat \"YYYY\" \"not a date\"}}")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> r("{{hash \"md4x\" \"a\"}}")).isInstanceOf(TemplateException.class).hasMessageContaining("algorithm");
    assertThatThrownBy(() -> r("{{add \"x\" 1}}")).isInstanceOf(TemplateException.class).hasMessageContaining("not a number");
  }
}
