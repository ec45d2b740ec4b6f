package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.jknack.handlebars.Handlebars;
import io.tributary.adaptors.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers with integrator.io's argument orders (the value first, then its parameters). */
final class StringHelpers {
  private StringHelpers() {}

  static void register(Handlebars hb) {
    define(hb, "uppercase", a -> a.text(0).toUpperCase(Locale.ROOT));
    define(hb, "lowercase", a -> a.text(0).toLowerCase(Locale.ROOT));
    define(hb, "trim", a -> a.text(0).strip());
    define(hb, "trimLeft", a -> a.text(0).stripLeading());
    define(hb, "trimRight", a -> a.text(0).stripTrailing());
    define(hb, "capitalize", a -> capitalize(a.text(0)));
    define(hb, "capitalizeAll", a -> capitalizeAll(a.text(0)));
    define(hb, "replace", a -> a.text(0).replace(a.text(1), a.text(2)));
    define(
        hb,
        "replacefirst",
        a -> a.text(0).replaceFirst(Pattern.quote(a.text(1)), Matcher.quoteReplacement(a.text(2))));
    define(hb, "split", StringHelpers::split);
    define(hb, "join", StringHelpers::join);
    define(hb, "substring", StringHelpers::substring);
    define(hb, "padLeft", a -> pad(a, true));
    define(hb, "padRight", a -> pad(a, false));
    define(hb, "reverse", StringHelpers::reverse);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  private static String capitalizeAll(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : c);
      start = Character.isWhitespace(c);
    }
    return out.toString();
  }

  /**
   * {@code split value delimiter [index]}: the element at index (default 0), empty when there is
   * none.
   */
  private static Object split(Args a) {
    String[] parts = a.text(0).split(Pattern.quote(a.text(1)), -1);
    int i = a.integer(2, 0);
    return i >= 0 && i < parts.length ? parts[i] : "";
  }

  /**
   * {@code join delimiter value...}: arrays among the values are spread, missing values skipped.
   */
  private static Object join(Args a) {
    List<String> parts = new ArrayList<>();
    for (JsonNode n : Values.flatten(a.all().subList(1, a.count()))) parts.add(Values.text(n));
    return String.join(a.text(0), parts);
  }

  /**
   * JavaScript's String.substring: indexes clamp to the string, and a start past the end swaps
   * them.
   */
  private static Object substring(Args a) {
    String v = a.text(0);
    int start = clamp(a.integer(1, 0), v.length());
    int end = clamp(a.integer(2, v.length()), v.length());
    return v.substring(Math.min(start, end), Math.max(start, end));
  }

  private static int clamp(int i, int length) {
    return Math.max(0, Math.min(i, length));
  }

  private static Object pad(Args a, boolean left) {
    String v = a.text(0);
    int width = a.integer(1, 0);
    String fill = a.text(2, " ");
    StringBuilder padding = new StringBuilder();
    while (v.length() + padding.length() < width) padding.append(fill);
    String p = padding.substring(0, Math.max(0, width - v.length()));
    return left ? p + v : v + p;
  }

  /** Reverses an array's elements, or a string's characters. */
  private static Object reverse(Args a) {
    JsonNode n = Values.json(a.get(0));
    if (n.isArray()) {
      List<JsonNode> items = Values.list(n);
      Collections.reverse(items);
      ArrayNode out = Json.MAPPER.createArrayNode();
      items.forEach(out::add);
      return out;
    }
    return new StringBuilder(a.text(0)).reverse().toString();
  }
}
