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
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Handlebars as integrator.io uses it: {@code {{x}}} is the value as text (URL-encoded in URIs),
 * {@code {{{x}}}} the raw value, over a JSON context. Thread-safe: one instance serves every job;
 * compiled templates are immutable and cached, and each render gets its own Context.
 */
public final class Templates {
  private static final int CACHE_LIMIT = 1000;
  private final Handlebars text;
  private final Handlebars uri;
  private final TemplateCache<Compiled> textCache = new TemplateCache<>(CACHE_LIMIT);
  private final TemplateCache<Compiled> uriCache = new TemplateCache<>(CACHE_LIMIT);

  /** A compiled template and, in text mode, its fast form when it has one ({@link InlineCall}). */
  private record Compiled(Template template, InlineCall inline) {}

  public Templates(Clock clock) {
    this.text = configure(new Handlebars().with(EscapingStrategy.NOOP), clock);
    this.uri =
        configure(
            new Handlebars().with(value -> EncodingHelpers.uriComponent(value.toString())), clock);
  }

  private static Handlebars configure(Handlebars hb, Clock clock) {
    hb.with(JSON_TEXT);
    Helpers.registerAll(hb, clock);
    return hb;
  }

  /**
   * Objects and arrays print as JSON, numbers as JavaScript prints them (2.5, not 2.50 or 2.5E0).
   */
  private static final Formatter JSON_TEXT =
      (value, next) -> {
        if (value instanceof JsonNode
            || value instanceof Map<?, ?>
            || value instanceof Collection<?>
            || value instanceof BigDecimal
            || value instanceof Double
            || value instanceof Float) {
          return Values.text(value);
        }
        return next.format(value);
      };

  public static boolean isTemplate(String s) {
    return s != null && s.contains("{{");
  }

  /** Text mode: {@code {{x}}} and {@code {{{x}}}} both print the value, nothing is HTML-escaped. */
  public String render(String template, JsonNode context) {
    return apply(text, textCache, template, context, true);
  }

  /**
   * URI mode: {@code {{x}}} is encoded as a URI component (space as %20), {@code {{{x}}}} is raw.
   */
  public String renderUri(String template, JsonNode context) {
    return apply(uri, uriCache, template, context, false);
  }

  private static String apply(
      Handlebars hb,
      TemplateCache<Compiled> cache,
      String template,
      JsonNode context,
      boolean inline) {
    if (template == null) return "";
    if (!isTemplate(template)) return template;
    try {
      Compiled compiled =
          cache.get(
              template, t -> new Compiled(compile(hb, t), inline ? InlineCall.of(hb, t) : null));
      if (compiled.inline() != null) {
        String fast = renderInline(compiled.inline(), context);
        if (fast != null) return fast;
      }
      Context ctx =
          Context.newBuilder(context)
              .resolver(
                  JsonNodeValueResolver.INSTANCE,
                  LengthResolver.INSTANCE,
                  MapValueResolver.INSTANCE)
              .build();
      try {
        return compiled.template().apply(ctx).replace(BRACE, '}');
      } finally {
        ctx.destroy();
      }
    } catch (TemplateException e) {
      throw new TemplateException(e.getMessage() + " in template " + abbreviate(template), e);
    } catch (HandlebarsException e) {
      Throwable cause = e.getCause();
      String why =
          cause instanceof TemplateException t ? t.getMessage() : firstLine(e.getMessage());
      throw new TemplateException(why + " in template " + abbreviate(template), e);
    } catch (IOException | RuntimeException e) {
      throw new TemplateException(
          "cannot render template " + abbreviate(template) + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * The fast form's answer; null to let Handlebars render (and so fail, with its message) when a
   * helper throws anything but our own TemplateException.
   */
  private static String renderInline(InlineCall call, JsonNode context) {
    try {
      return call.render(context);
    } catch (TemplateException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Template compile(Handlebars hb, String template) {
    requireKnownHelpers(hb, template);
    try {
      return hb.compileInline(protectBraces(template));
    } catch (IOException e) {
      throw new TemplateException("cannot compile: " + e.getMessage());
    }
  }

  /** Stands in for a literal '}' while compiling (private-use character, never in real data). */
  private static final char BRACE = '\uE000';

  /**
   * JSON bodies end in {@code {{record.id}}}}: Handlebars.java reads the last three braces as a
   * triple-stash close and fails. A brace that follows a {@code {{...}}} close is literal text, so
   * it is swapped for a private-use character while compiling and put back in the output. Raw
   * blocks ({@code {{{{raw}}}}}) are left alone.
   */
  static String protectBraces(String template) {
    StringBuilder out = new StringBuilder(template.length());
    int i = 0;
    while (i < template.length()) {
      if (!template.startsWith("{{", i)) {
        out.append(template.charAt(i++));
        continue;
      }
      String close =
          template.startsWith("{{{{", i) ? "}}}}" : template.startsWith("{{{", i) ? "}}}" : "}}";
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

  private static final Pattern MUSTACHE =
      Pattern.compile("\\{\\{\\{?(.*?)\\}?\\}\\}", Pattern.DOTALL);
  private static final Pattern CALL =
      Pattern.compile("(?:^~?\\s*[#^]?|\\()\\s*([A-Za-z_@][\\w\\-.@/\\[\\]]*)\\s+(?=[^}\\s)])");
  private static final Pattern RAW_BLOCK =
      Pattern.compile(
          "\\{\\{\\{\\{(\\w+)\\}\\}\\}\\}.*?\\{\\{\\{\\{/\\1\\}\\}\\}\\}", Pattern.DOTALL);

  /**
   * A name followed by arguments is a helper call. Handlebars.java only finds out at render time,
   * and only on the branch taken, so an unknown helper in an untaken branch would go unnoticed:
   * check every call when compiling.
   */
  private static void requireKnownHelpers(Handlebars hb, String template) {
    Matcher mustache = MUSTACHE.matcher(RAW_BLOCK.matcher(template).replaceAll(""));
    while (mustache.find()) {
      // Literals and [segment with spaces] are blanked first: their contents are not calls.
      String inside =
          mustache
              .group(1)
              .replaceAll("\"[^\"]*\"|'[^']*'", "\"\"")
              .replaceAll("\\[[^\\]]*\\]", "[x]");
      if (inside.startsWith("!")) continue;
      Matcher m = CALL.matcher(inside);
      while (m.find()) {
        String name = m.group(1);
        if (name.equals("else") || hb.helper(name) != null) continue;
        // Handlebars.java would print a path's value and drop the arguments; it is a mistake either
        // way.
        if (name.matches(".*[.@/\\[].*"))
          throw new TemplateException("\"" + name + "\" is a value, not a helper");
        throw new TemplateException("unknown helper \"" + name + "\"");
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
