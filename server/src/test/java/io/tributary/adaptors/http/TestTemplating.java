package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.Templating;
import io.tributary.json.JsonPaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stand-in for Handlebars: {@code {{path}}} and {@code {{{path}}}} replaced by the value at the path. */
final class TestTemplating implements Templating {
  private static final Pattern TAG = Pattern.compile("\\{\\{(\\{?)\\s*([^{}\\s]+)\\s*}?}}");

  @Override
  public String render(String template, JsonNode context) {
    return replace(template, context, false);
  }

  @Override
  public String renderUri(String template, JsonNode context) {
    return replace(template, context, true);
  }

  private static String replace(String template, JsonNode context, boolean uri) {
    Matcher m = TAG.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode v = JsonPaths.get(context, m.group(2));
      String text = v.isMissingNode() || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
      boolean raw = !m.group(1).isEmpty();
      m.appendReplacement(out, Matcher.quoteReplacement(uri && !raw ? URLEncoder.encode(text, StandardCharsets.UTF_8) : text));
    }
    m.appendTail(out);
    if (out.indexOf("{{") >= 0) throw new IllegalArgumentException("unclosed tag in " + template);
    return out.toString();
  }
}
