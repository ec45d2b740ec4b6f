package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.github.jknack.handlebars.Handlebars;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * integrator.io's regular-expression helpers; patterns and flags ({@code g i m}) are JavaScript's.
 */
final class RegexHelpers {
  private RegexHelpers() {}

  static void register(Handlebars hb) {
    // {{regexReplace value replacement regex [flags]}}: every match unless flags are given without
    // "g".
    define(
        hb,
        "regexReplace",
        a -> {
          String flags = a.text(3, "g");
          Matcher m = pattern(a, 2, flags).matcher(a.text(0));
          String replacement = javaReplacement(a.text(1));
          return flags.contains("g") ? m.replaceAll(replacement) : m.replaceFirst(replacement);
        });
    // {{regexMatch value regex [index] [flags]}}: the index-th whole match, empty when there is
    // none.
    define(
        hb,
        "regexMatch",
        a -> {
          Matcher m = pattern(a, 1, a.text(3, "")).matcher(a.text(0));
          int wanted = a.integer(2, 0);
          for (int i = 0; m.find(); i++) {
            if (i == wanted) return m.group();
          }
          return "";
        });
    // {{regexSearch value regex [flags]}}: where the first match starts, or -1.
    define(
        hb,
        "regexSearch",
        a -> {
          Matcher m = pattern(a, 1, a.text(2, "")).matcher(a.text(0));
          return m.find() ? m.start() : -1;
        });
  }

  private static Pattern pattern(Args a, int i, String flags) {
    int f = 0;
    if (flags.contains("i")) f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    if (flags.contains("m")) f |= Pattern.MULTILINE;
    if (flags.contains("s")) f |= Pattern.DOTALL;
    try {
      return Pattern.compile(a.text(i), f);
    } catch (PatternSyntaxException e) {
      throw new TemplateException(
          a.helper() + ": invalid regular expression \"" + a.text(i) + "\": " + e.getDescription());
    }
  }

  /**
   * JavaScript replacement syntax ($1, $&, $$) in java.util.regex's, where a backslash is special.
   */
  static String javaReplacement(String js) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < js.length(); i++) {
      char c = js.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '$' && i + 1 < js.length() && js.charAt(i + 1) == '&') {
        out.append("$0");
        i++;
      } else if (c == '$' && i + 1 < js.length() && Character.isDigit(js.charAt(i + 1))) {
        out.append('$');
      } else if (c == '$') {
        out.append("\\$");
        if (i + 1 < js.length() && js.charAt(i + 1) == '$') i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
