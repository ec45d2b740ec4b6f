package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Handlebars;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Base64, JSON and URI encodings. */
final class EncodingHelpers {
  private EncodingHelpers() {}

  static void register(Handlebars hb) {
    // {{base64Encode value [inputEncoding]}}: the encoding says how to read the value's text
    // (Node's Buffer.from).
    define(
        hb,
        "base64Encode",
        a -> Base64.getEncoder().encodeToString(bytes(a.text(0), a.text(1, "utf8"), a.helper())));
    // {{base64Decode value [outputEncoding]}}: the encoding says how to print the decoded bytes.
    define(
        hb,
        "base64Decode",
        a -> {
          return text(base64(a.text(0), a.helper()), a.text(1, "utf8"), a.helper());
        });
    define(hb, "jsonEncode", a -> jsonEncode(a.get(0)));
    define(hb, "jsonSerialize", a -> Json.write(Values.json(a.get(0))));
    define(hb, "jsonParse", EncodingHelpers::jsonParse);
    define(hb, "encodeURI", a -> uriComponent(a.text(0)));
    define(
        hb,
        "decodeURI",
        a -> {
          try {
            return URLDecoder.decode(a.text(0).replace("+", "%2B"), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            throw new TemplateException(
                "decodeURI: malformed percent-encoding in \"" + a.text(0) + "\"");
          }
        });
  }

  /**
   * A string's content escaped for use inside JSON quotes, without the quotes, so that {@code
   * "name": "{{jsonEncode record.name}}"} stays valid JSON; other values print as JSON.
   */
  private static String jsonEncode(Object v) {
    JsonNode n = Values.json(v);
    if (n.isNull() || n.isMissingNode()) return "";
    if (!n.isTextual()) return Values.text(v);
    String quoted = Json.write(n);
    return quoted.substring(1, quoted.length() - 1);
  }

  private static Object jsonParse(Args a) throws IOException {
    Object v = a.get(0);
    if (!(v instanceof CharSequence) && !(v instanceof JsonNode n && n.isTextual())) return v;
    try {
      return Json.MAPPER.readTree(a.text(0));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new TemplateException("jsonParse: the value is not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * JavaScript's encodeURIComponent: everything but letters, digits and {@code - _ . ! ~ * ' ( )}.
   */
  static String uriComponent(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%21", "!")
        .replace("%27", "'")
        .replace("%28", "(")
        .replace("%29", ")")
        .replace("%7E", "~");
  }

  static byte[] bytes(String s, String encoding, String helper) {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "hex" -> {
        try {
          yield HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
          throw new TemplateException(helper + ": the value is not hex");
        }
      }
      case "base64" -> base64(s, helper);
      default -> s.getBytes(charset(encoding, helper));
    };
  }

  /**
   * Standard or URL-safe base64, padding optional, line breaks ignored; anything else is an error,
   * not dropped.
   */
  private static byte[] base64(String s, String helper) {
    String compact = s.replaceAll("\\s", "");
    try {
      boolean urlSafe = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(compact);
    } catch (IllegalArgumentException e) {
      throw new TemplateException(helper + ": the value is not base64");
    }
  }

  static String text(byte[] b, String encoding, String helper) {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "hex" -> HexFormat.of().formatHex(b);
      case "base64" -> Base64.getEncoder().encodeToString(b);
      default -> new String(b, charset(encoding, helper));
    };
  }

  private static Charset charset(String encoding, String helper) {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "utf8", "utf-8" -> StandardCharsets.UTF_8;
      case "ascii" -> StandardCharsets.US_ASCII;
      case "latin1", "binary" -> StandardCharsets.ISO_8859_1;
      case "ucs2", "ucs-2", "utf16le", "utf-16le" -> StandardCharsets.UTF_16LE;
      default -> throw new TemplateException(helper + ": unknown encoding \"" + encoding + "\"");
    };
  }
}
