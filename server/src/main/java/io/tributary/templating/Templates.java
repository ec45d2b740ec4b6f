package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Formatter;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.jackson.JsonNodeValueResolver;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Handlebars as integrator.io uses it: {@code {{x}}} is the value as text (URL-encoded in URIs),
 * {@code {{{x}}}} the raw value, over a JSON context. Thread-safe; compiled templates are cached.
 */
public final class Templates {
  private static final int CACHE_LIMIT = 1000;
  private final Handlebars text;
  private final Handlebars uri;
  private final Map<String, Template> textCache = new ConcurrentHashMap<>();
  private final Map<String, Template> uriCache = new ConcurrentHashMap<>();

  public Templates(Clock clock) {
    this.text = configure(new Handlebars().with(EscapingStrategy.NOOP), clock);
    this.uri = configure(new Handlebars().with(s -> URLEncoder.encode(s.toString(), StandardCharsets.UTF_8).replace("+", "%20")),
        clock);
  }

  private static Handlebars configure(Handlebars hb, Clock clock) {
    hb.with(JSON_TEXT);
    hb.registerHelperMissing(Helpers.missing());
    new Helpers(clock).registerAll(hb);
    return hb;
  }

  /** Objects and arrays print as JSON, numbers as JavaScript prints them. */
  private static final Formatter JSON_TEXT = (value, next) -> {
    if (value instanceof JsonNode || value instanceof Map<?, ?> || value instanceof Collection<?>
        || value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
      return Values.text(value);
    }
    return next.format(value);
  };

  public static boolean isTemplate(String s) {
    return s != null && s.contains("{{");
  }

  public String render(String template, JsonNode context) {
    return apply(text, textCache, template, context);
  }

  public String renderUri(String template, JsonNode context) {
    return apply(uri, uriCache, template, context);
  }

  private static String apply(Handlebars hb, Map<String, Template> cache, String template, JsonNode context) {
    if (template == null) return "";
    if (!isTemplate(template)) return template;
    Template compiled = cache.get(template);
    try {
      if (compiled == null) {
        requireKnownHelpers(hb, template);
        compiled = hb.compileInline(protectBraces(template));
        if (cache.size() >= CACHE_LIMIT) cache.clear(); // crude bound: templates are few in practice
        cache.put(template, compiled);
      }
      Context ctx = Context.newBuilder(context).resolver(JsonNodeValueResolver.INSTANCE, MapValueResolver.INSTANCE).build();
      try {
        return compiled.apply(ctx).replace(BRACE, '}');
      } finally {
        ctx.destroy();
      }
    } catch (TemplateException e) {
      throw new TemplateException(e.getMessage() + " in template " + abbreviate(template), e);
    } catch (HandlebarsException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof TemplateException t ? t.getMessage() : firstLine(e.getMessage());
      throw new TemplateException(why + " in template " + abbreviate(template), e);
    } catch (IOException | RuntimeException e) {
      throw new TemplateException("cannot render template " + abbreviate(template) + ": " + firstLine(e.getMessage()), e);
    }
  }

  // A name followed by arguments is a helper call: Handlebars.java would quietly treat an unknown
  // one as a missing variable, and users would get empty output instead of an error.
  private static final char BRACE = '\uE000';

  /**
   * JSON bodies end in {@code {{record.id}}}}: Handlebars.java reads the last three braces as a
   * triple-stash close and fails. A brace that follows a {@code {{...}}} close is literal text, so
   * it is swapped for a private-use character while compiling and put back in the output.
   */
  static String protectBraces(String template) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    while (i < template.length()) {
      boolean triple = template.startsWith("{{{", i);
      if (!template.startsWith("{{", i) || template.startsWith("{{{{", i)) {
        out.append(template.charAt(i++));
        continue;
      }
      String close = triple ? "}}}" : "}}";
      int end = template.indexOf(close, i + close.length());
      if (end < 0) {
        out.append(template, i, template.length());
        break;
      }
      out.append(template, i, end + close.length());
      i = end + close.length();
      while (i < template.length() && template.charAt(i) == '}') {
        out.append(BRACE);
        i++;
      }
    }
    return out.toString();
  }

  private static final Pattern MUSTACHE = Pattern.compile("\\{\\{\\{?(.*?)\\}?\\}\\}", Pattern.DOTALL);
  private static final Pattern CALL = Pattern.compile("(?:^~?\\s*[#^]?|\\()\\s*([A-Za-z_][\\w-]*)\\s+(?=[^}\\s)])");

  private static void requireKnownHelpers(Handlebars hb, String template) {
    Matcher mustache = MUSTACHE.matcher(template);
    while (mustache.find()) {
      String inside = mustache.group(1).replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
      Matcher m = CALL.matcher(inside);
      while (m.find()) {
        String name = m.group(1);
        if (!name.equals("else") && hb.helper(name) == null) throw new TemplateException("unknown helper \"" + name + "\"");
      }
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "error";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String abbreviate(String t) {
    return '"' + (t.length() > 120 ? t.substring(0, 117) + "..." : t) + '"';
  }
}
