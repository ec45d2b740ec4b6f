package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import io.tributary.web.Json;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The integrator.io helpers users reach for most, with its argument orders. */
final class Helpers {
  private final Clock clock;

  Helpers(Clock clock) {
    this.clock = clock;
  }

  void registerAll(Handlebars hb) {
    strings(hb);
    math(hb);
    dates(hb);
    encodings(hb);
    logic(hb);
    arrays(hb);
  }

  private static Object arg(Object context, Options o, int i) {
    return i == 0 ? context : o.param(i - 1, null);
  }

  private static String s(Object context, Options o, int i) {
    return Values.text(arg(context, o, i));
  }

  private static void strings(Handlebars hb) {
    hb.registerHelper("uppercase", (Object c, Options o) -> Values.text(c).toUpperCase(Locale.ROOT));
    hb.registerHelper("lowercase", (Object c, Options o) -> Values.text(c).toLowerCase(Locale.ROOT));
    hb.registerHelper("trim", (Object c, Options o) -> Values.text(c).trim());
    hb.registerHelper("replace", (Object c, Options o) -> s(c, o, 0).replace(s(c, o, 1), s(c, o, 2)));
    hb.registerHelper("split", (Object c, Options o) -> {
      String[] parts = s(c, o, 0).split(Pattern.quote(s(c, o, 1)), -1);
      if (o.params.length < 2) return List.of(parts);
      int i = Values.number(o.param(1), "split").intValue();
      return i >= 0 && i < parts.length ? parts[i] : "";
    });
    hb.registerHelper("join", (Object c, Options o) -> {
      String delimiter = Values.text(c);
      StringBuilder sb = new StringBuilder();
      for (Object p : o.params) {
        for (JsonNode n : Values.list(p)) {
          if (!sb.isEmpty()) sb.append(delimiter);
          sb.append(Values.text(n));
        }
      }
      return sb.toString();
    });
    hb.registerHelper("substring", (Object c, Options o) -> {
      String v = s(c, o, 0);
      int start = clamp(Values.number(arg(c, o, 1), "substring").intValue(), v.length());
      int end = o.params.length > 1 ? clamp(Values.number(o.param(1), "substring").intValue(), v.length()) : v.length();
      return start >= end ? "" : v.substring(start, end);
    });
    hb.registerHelper("regexReplace", (Object c, Options o) -> {
      try {
        String flags = o.params.length > 2 ? Values.text(o.param(2)) : "g";
        Pattern p = Pattern.compile(s(c, o, 1), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        var m = p.matcher(s(c, o, 0));
        String replacement = s(c, o, 2).replace("\\", "\\\\").replaceAll("\\$(\\d)", "\\$$1");
        return flags.contains("g") ? m.replaceAll(replacement) : m.replaceFirst(replacement);
      } catch (PatternSyntaxException e) {
        throw new TemplateException("regexReplace: invalid pattern " + e.getPattern());
      }
    });
  }

  private static int clamp(int i, int len) {
    return Math.max(0, Math.min(i < 0 ? len + i : i, len));
  }

  private static void math(Handlebars hb) {
    hb.registerHelper("add", (Object c, Options o) -> num(Values.number(c, "add").add(Values.number(o.param(0), "add"))));
    hb.registerHelper("subtract", (Object c, Options o) ->
        num(Values.number(c, "subtract").subtract(Values.number(o.param(0), "subtract"))));
    hb.registerHelper("multiply", (Object c, Options o) ->
        num(Values.number(c, "multiply").multiply(Values.number(o.param(0), "multiply"))));
    hb.registerHelper("divide", (Object c, Options o) -> {
      BigDecimal d = Values.number(o.param(0, null), "divide");
      if (d.signum() == 0) throw new TemplateException("divide: division by zero");
      return num(Values.number(c, "divide").divide(d, MathContext.DECIMAL64));
    });
    hb.registerHelper("round", (Object c, Options o) -> {
      int digits = o.params.length > 0 ? Values.number(o.param(0), "round").intValue() : 0;
      return num(Values.number(c, "round").setScale(digits, RoundingMode.HALF_UP));
    });
    hb.registerHelper("toFixed", (Object c, Options o) -> {
      int digits = o.params.length > 0 ? Values.number(o.param(0), "toFixed").intValue() : 0;
      return Values.number(c, "toFixed").setScale(digits, RoundingMode.HALF_UP).toPlainString();
    });
  }

  private static Object num(BigDecimal d) {
    return Values.plain(d);
  }

  private void dates(Handlebars hb) {
    // {{dateFormat outputFormat date [inputFormat] [timeZone]}}
    hb.registerHelper("dateFormat", (Object c, Options o) -> {
      String out = Values.text(c);
      String input = null;
      String tz = null;
      if (o.params.length == 2) {
        String third = Values.text(o.param(1));
        if (Moment.looksLikeZone(third)) tz = third;
        else input = third;
      } else if (o.params.length >= 3) {
        input = Values.text(o.param(1));
        tz = Values.text(o.param(2));
      }
      ZoneId zone = Moment.zone(tz);
      Object value = o.params.length > 0 ? o.param(0) : null;
      Instant when = value == null || Values.text(value).isEmpty() ? clock.instant() : Moment.parse(Values.text(value), input, zone);
      return Moment.format(when, out.isEmpty() ? "YYYY-MM-DDTHH:mm:ss.SSSZ" : out, zone);
    });
    // {{dateAdd date milliseconds}} -> ISO instant
    hb.registerHelper("dateAdd", (Object c, Options o) -> {
      Instant base = Values.text(c).isEmpty() ? clock.instant() : Moment.parse(Values.text(c), null, ZoneId.of("UTC"));
      long ms = Values.number(o.param(0, "0"), "dateAdd").longValue();
      return base.plusMillis(ms).toString();
    });
    // {{timestamp [format] [timeZone]}}
    hb.registerHelper("timestamp", (Object c, Options o) -> {
      Instant now = clock.instant();
      // Without a format, Handlebars passes the context itself: answer ISO-8601.
      if (!(c instanceof CharSequence) || Values.text(c).isEmpty()) {
        return io.tributary.resources.Times.iso(now.toEpochMilli());
      }
      return Moment.format(now, Values.text(c), Moment.zone(o.params.length > 0 ? Values.text(o.param(0)) : null));
    });
  }

  private static void encodings(Handlebars hb) {
    hb.registerHelper("jsonEncode", (Object c, Options o) -> Json.write(Values.json(c)));
    hb.registerHelper("jsonSerialize", (Object c, Options o) -> Json.write(Values.json(c)));
    hb.registerHelper("jsonParse", (Object c, Options o) -> {
      try {
        return Json.MAPPER.readTree(Values.text(c));
      } catch (java.io.IOException e) {
        throw new TemplateException("jsonParse: the value is not JSON");
      }
    });
    hb.registerHelper("base64Encode", (Object c, Options o) ->
        Base64.getEncoder().encodeToString(Values.text(c).getBytes(StandardCharsets.UTF_8)));
    hb.registerHelper("base64Decode", (Object c, Options o) -> {
      try {
        return new String(Base64.getDecoder().decode(Values.text(c).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new TemplateException("base64Decode: the value is not base64");
      }
    });
    hb.registerHelper("encodeURI", (Object c, Options o) ->
        URLEncoder.encode(Values.text(c), StandardCharsets.UTF_8).replace("+", "%20"));
    hb.registerHelper("hash", (Object c, Options o) -> HexFormat.of().formatHex(digest(Values.text(c)).digest(
        Values.text(o.param(0, "")).getBytes(StandardCharsets.UTF_8))));
    // {{hmac algorithm key value [hex|base64]}}
    hb.registerHelper("hmac", (Object c, Options o) -> {
      String alg = "Hmac" + Values.text(c).toUpperCase(Locale.ROOT).replace("-", "");
      try {
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(Values.text(o.param(0, "")).getBytes(StandardCharsets.UTF_8), alg));
        byte[] sig = mac.doFinal(Values.text(o.param(1, "")).getBytes(StandardCharsets.UTF_8));
        String enc = o.params.length > 2 ? Values.text(o.param(2)) : "hex";
        return enc.equalsIgnoreCase("base64") ? Base64.getEncoder().encodeToString(sig) : HexFormat.of().formatHex(sig);
      } catch (java.security.GeneralSecurityException e) {
        throw new TemplateException("hmac: unknown algorithm " + Values.text(c));
      }
    });
  }

  private static MessageDigest digest(String algorithm) {
    String name = switch (algorithm.toLowerCase(Locale.ROOT).replace("-", "")) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new TemplateException("hash: unknown algorithm " + algorithm);
    };
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new TemplateException("hash: unknown algorithm " + algorithm);
    }
  }

  private static void logic(Handlebars hb) {
    hb.registerHelper("eq", (Object c, Options o) -> same(c, o.param(0, null)));
    hb.registerHelper("compare", (Object c, Options o) -> block(o, compare(c, Values.text(o.param(0, "==")), o.param(1, null))));
    hb.registerHelper("contains", (Object c, Options o) -> {
      Object needle = o.param(0, null);
      JsonNode hay = Values.json(c);
      boolean found = hay.isArray() ? Values.list(hay).stream().anyMatch(n -> same(n, needle))
          : Values.text(c).contains(Values.text(needle));
      return block(o, found);
    });
    hb.registerHelper("and", (Object c, Options o) -> {
      boolean all = Values.truthy(c);
      for (Object p : o.params) all &= Values.truthy(p);
      return block(o, all);
    });
    hb.registerHelper("or", (Object c, Options o) -> {
      boolean any = Values.truthy(c);
      for (Object p : o.params) any |= Values.truthy(p);
      return block(o, any);
    });
    hb.registerHelper("not", (Object c, Options o) -> block(o, !Values.truthy(c)));
  }

  /** As a block, renders fn or inverse; as a value (or subexpression), answers the boolean. */
  private static Object block(Options o, boolean result) throws java.io.IOException {
    if (o.tagType == com.github.jknack.handlebars.TagType.SECTION) return result ? o.fn() : o.inverse();
    return result;
  }

  private static boolean same(Object a, Object b) {
    JsonNode x = Values.json(a);
    JsonNode y = Values.json(b);
    if (x.isNumber() || y.isNumber()) {
      try {
        return Values.number(a, "eq").compareTo(Values.number(b, "eq")) == 0;
      } catch (TemplateException notNumbers) {
        return false;
      }
    }
    return Values.text(a).equals(Values.text(b));
  }

  private static boolean compare(Object a, String op, Object b) {
    if (op.equals("==") || op.equals("===")) return same(a, b);
    if (op.equals("!=") || op.equals("!==")) return !same(a, b);
    int cmp;
    try {
      cmp = Values.number(a, "compare").compareTo(Values.number(b, "compare"));
    } catch (TemplateException notNumbers) {
      cmp = Values.text(a).compareTo(Values.text(b));
    }
    return switch (op) {
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      case ">=" -> cmp >= 0;
      default -> throw new TemplateException("compare: unknown operator " + op);
    };
  }

  private static void arrays(Handlebars hb) {
    hb.registerHelper("first", (Object c, Options o) -> {
      List<JsonNode> l = Values.list(c);
      return l.isEmpty() ? null : l.get(0);
    });
    hb.registerHelper("last", (Object c, Options o) -> {
      List<JsonNode> l = Values.list(c);
      return l.isEmpty() ? null : l.get(l.size() - 1);
    });
    hb.registerHelper("sum", (Object c, Options o) -> num(sum(c)));
    hb.registerHelper("avg", (Object c, Options o) -> {
      List<JsonNode> l = Values.list(c);
      if (l.isEmpty()) return "0";
      return num(sum(c).divide(BigDecimal.valueOf(l.size()), MathContext.DECIMAL64));
    });
  }

  private static BigDecimal sum(Object c) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode n : Values.list(c)) total = total.add(Values.number(n, "sum"));
    return total;
  }

  static Helper<Object> missing() {
    return (Object c, Options o) -> {
      if (o.params.length == 0 && o.hash.isEmpty() && o.tagType != com.github.jknack.handlebars.TagType.SECTION) return "";
      throw new TemplateException("unknown helper \"" + o.helperName + "\"");
    };
  }
}
