package io.tributary.templating;

import static io.tributary.templating.Fixture.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.adaptors.json.Json;
import org.junit.jupiter.api.Test;

class EncodingAndCryptoHelpersTest {
  private static final String CTX =
      """
      {"record":{"email":"jane.doe@example.com","quote":"say \\"hi\\"\\n","tags":["a","b"],"obj":{"k":1.50},
                 "payload":"{\\"foo\\":\\"bar\\",\\"n\\":[1,2]}","name":"Bob"},
       "connection":{"http":{"encrypted":{"secretKey":"key","b64Key":"c2VjcmV0"}}}}""";

  private String r(String template) {
    return render(template, CTX);
  }

  @Test
  void base64BothWaysWithEncodings() {
    assertThat(r("{{base64Encode record.email}}")).isEqualTo("amFuZS5kb2VAZXhhbXBsZS5jb20=");
    assertThat(
            r(
                "{{base64Decode \"SGVsbG8gV29ybGQhIQ==\"}}|{{base64Decode \"SGVsbG8gV29ybGQhIQ==\" \"hex\"}}"))
        .isEqualTo("Hello World!!|48656c6c6f20576f726c642121");
    assertThat(
            r(
                "{{base64Encode \"héllo\" \"latin1\"}}|{{base64Encode \"hi\" \"utf16le\"}}|{{base64Encode \"48656c6c6f\" \"hex\"}}"))
        .isEqualTo("aOlsbG8=|aABpAA==|SGVsbG8=");
    assertThat(r("{{base64Decode (base64Encode \"ünïcødé\")}}|[{{base64Decode record.missing}}]"))
        .isEqualTo("ünïcødé|[]");
  }

  @Test
  void jsonHelpers() {
    // jsonEncode escapes a string for use inside JSON quotes; jsonSerialize writes any value as
    // JSON.
    assertThat(r("{\"q\":\"{{jsonEncode record.quote}}\"}"))
        .isEqualTo("{\"q\":\"say \\\"hi\\\"\\n\"}");
    assertThat(Json.parse(r("{\"q\":\"{{jsonEncode record.quote}}\"}")).get("q").asText())
        .isEqualTo("say \"hi\"\n");
    assertThat(r("{{jsonEncode record.email}}|{{jsonEncode record.tags}}"))
        .isEqualTo("jane.doe@example.com|[\"a\",\"b\"]");
    assertThat(
            r(
                "{{jsonSerialize record.tags}}|{{jsonSerialize record.obj}}|{{jsonSerialize record.email}}"))
        .isEqualTo("[\"a\",\"b\"]|{\"k\":1.50}|\"jane.doe@example.com\"");
    assertThat(
            r(
                "{{#with (jsonParse record.payload)}}{{foo}}-{{n.[1]}}{{/with}}|{{jsonParse record.payload}}"))
        .isEqualTo("bar-2|{\"foo\":\"bar\",\"n\":[1,2]}");
    // A value that is already JSON passes through; objects keep their numbers as written.
    assertThat(r("{{jsonParse record.obj}}")).isEqualTo("{\"k\":1.50}");
  }

  @Test
  void uriHelpers() {
    assertThat(
            r(
                "{{encodeURI \"overseas order flow\"}}|{{encodeURI \"a&b=c/d?é\"}}|{{encodeURI \"it's (ok)*~!\"}}"))
        .isEqualTo("overseas%20order%20flow|a%26b%3Dc%2Fd%3F%C3%A9|it's%20(ok)*~!");
    assertThat(r("{{decodeURI \"overseas%20order%20flow\"}}|{{decodeURI \"a+b%2B\"}}"))
        .isEqualTo("overseas order flow|a+b+");
  }

  @Test
  void hashPutsTheEncodingBeforeTheValue() {
    assertThat(r("{{hash \"sha256\" \"hex\" \"abc\"}}"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(r("{{hash \"md5\" \"base64\" record.name}}")).isEqualTo("L8HAvrmSzXCWl1z+v51cOw==");
    assertThat(r("{{hash \"sha1\" \"abc\"}}"))
        .isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
    assertThat(r("{{hash \"SHA-512\" \"hex\" \"abc\"}}"))
        .startsWith("ddaf35a193617abacc417349ae204131");
  }

  @Test
  void hmacInIntegratorIoOrderAndTheShortForms() {
    String fox = "\"The quick brown fox jumps over the lazy dog\"";
    String hex = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
    assertThat(r("{{hmac \"sha256\" connection.http.encrypted.secretKey \"hex\" " + fox + "}}"))
        .isEqualTo(hex);
    assertThat(r("{{hmac \"sha256\" \"key\" \"base64\" " + fox + "}}"))
        .isEqualTo("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=");
    assertThat(r("{{hmac \"sha256\" \"key\" " + fox + "}}")).isEqualTo(hex);
    assertThat(r("{{hmac \"sha256\" \"key\" " + fox + " \"hex\"}}")).isEqualTo(hex);
    assertThat(
            r("{{hmac \"sha1\" connection.http.encrypted.b64Key \"hex\" \"payload\" \"base64\"}}"))
        .isEqualTo("f75efc0f29bf50c23f99b30b86f7c78fdaf5f11d");
  }

  @Test
  void unknownAlgorithmsAndEncodingsAreTemplateExceptions() {
    assertThatThrownBy(() -> r("{{hash \"md4x\" \"a\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("hash: unknown algorithm \"md4x\"");
    assertThatThrownBy(() -> r("{{hash \"sha256\" \"rot13\" \"a\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("unknown encoding \"rot13\"");
    assertThatThrownBy(() -> r("{{hmac \"whirlpool\" \"k\" \"hex\" \"v\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("hmac: unknown algorithm");
    assertThatThrownBy(() -> r("{{base64Decode \"%%%\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> r("{{base64Encode \"x\" \"ebcdic\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("unknown encoding");
    assertThatThrownBy(() -> r("{{jsonParse \"{nope\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("jsonParse: the value is not JSON");
    assertThatThrownBy(() -> r("{{decodeURI \"%zz\"}}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("decodeURI");
  }
}
