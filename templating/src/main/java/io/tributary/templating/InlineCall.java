package io.tributary.templating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.ValueResolver;
import com.github.jknack.handlebars.jackson.JsonNodeValueResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A template that is one mustache and nothing else, a field path or one of our helpers over paths
 * and literals ({@code {{record.id}}}, {@code {{lowercase record.email}}}, {@code {{multiply
 * record.amount 100}}}): the shape of most mapping extracts, rendered for every record. It is
 * evaluated here without a Handlebars context, resolving values as Handlebars.java would and
 * calling the same helper body. Anything else, or a helper that needs what only Handlebars has (its
 * options, a block), goes to Handlebars: {@link #render} answers null then.
 */
final class InlineCall {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");
  private static final Pattern STRING = Pattern.compile("\"[^\"\\\\{}]*\"|'[^'\\\\{}]*'");

  /** One argument: a path read from the context, or a literal. */
  private sealed interface Arg permits Path, Literal {}

  private record Path(String[] segments) implements Arg {}

  private record Literal(Object value) implements Arg {}

  private final Helpers.Body helper; // null: the template prints one value
  private final String helperName;
  private final Arg[] args;
  private volatile boolean needsHandlebars;

  private InlineCall(Helpers.Body helper, String helperName, Arg[] args) {
    this.helper = helper;
    this.helperName = helperName;
    this.args = args;
  }

  /** The fast form of {@code template}, or null when it has another shape. */
  static InlineCall of(Handlebars hb, String template) {
    String inner = mustache(template);
    if (inner == null) return null;
    List<String> tokens = tokens(inner);
    if (tokens == null || tokens.isEmpty()) return null;
    String name = tokens.get(0);
    if (tokens.size() == 1) {
      // A bare name that is a helper is a call without arguments: Handlebars passes it the scope.
      if (hb.helper(name) != null) return null;
      Path p = path(name);
      return p == null ? null : new InlineCall(null, null, new Arg[] {p});
    }
    Helper<?> h = hb.helper(name);
    if (!(h instanceof Helpers.BodyHelper body)) return null;
    List<Arg> args = new ArrayList<>();
    for (String t : tokens.subList(1, tokens.size())) {
      Arg a = arg(t);
      if (a == null) return null;
      args.add(a);
    }
    return new InlineCall(body.body(), name, args.toArray(Arg[]::new));
  }

  /** The rendered text, or null when Handlebars must render it. */
  String render(JsonNode context) throws java.io.IOException {
    if (needsHandlebars) return null;
    Object first = value(args[0], context);
    if (first == ValueResolver.UNRESOLVED) return null;
    if (helper == null) return Values.text(first);
    Object[] rest = new Object[args.length - 1];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = value(args[i + 1], context);
      if (rest[i] == ValueResolver.UNRESOLVED) return null;
    }
    try {
      return Values.text(helper.apply(new Args(helperName, first, rest)));
    } catch (Args.NeedsOptions e) {
      needsHandlebars = true;
      return null;
    }
  }

  private static Object value(Arg arg, JsonNode context) {
    return switch (arg) {
      case Literal l -> l.value();
      case Path p -> resolve(context, p.segments());
    };
  }

  /**
   * Handlebars.java's JSON resolution: objects along the path, the last value converted by {@link
   * JsonNodeValueResolver} (text to String, numbers to Number, objects to Map). A path that crosses
   * anything but an object is left to Handlebars (UNRESOLVED).
   */
  private static Object resolve(JsonNode context, String[] segments) {
    JsonNode n = context;
    for (int i = 0; i < segments.length - 1; i++) {
      if (!(n instanceof ObjectNode)) return ValueResolver.UNRESOLVED;
      n = n.get(segments[i]);
      if (n == null) return null;
    }
    if (!(n instanceof ObjectNode)) return ValueResolver.UNRESOLVED;
    Object v = JsonNodeValueResolver.INSTANCE.resolve(n, segments[segments.length - 1]);
    return v == ValueResolver.UNRESOLVED ? null : v;
  }

  /** The inside of {@code {{...}}} or {@code {{{...}}}} when that is the whole template. */
  private static String mustache(String t) {
    String inner;
    if (t.startsWith("{{{") && t.endsWith("}}}") && t.length() > 6)
      inner = t.substring(3, t.length() - 3);
    else if (t.startsWith("{{") && t.endsWith("}}") && !t.startsWith("{{{") && t.length() > 4)
      inner = t.substring(2, t.length() - 2);
    else return null;
    inner = inner.strip();
    if (inner.isEmpty() || inner.indexOf('{') >= 0 || inner.indexOf('}') >= 0) return null;
    return "#/^!>&~=(@".indexOf(inner.charAt(0)) >= 0 || inner.endsWith("~") ? null : inner;
  }

  /** Tokens separated by white space, quoted strings kept whole; null for any other syntax. */
  private static List<String> tokens(String inner) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < inner.length()) {
      char c = inner.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int end = i;
      if (c == '"' || c == '\'') {
        end = inner.indexOf(c, i + 1);
        if (end < 0) return null;
        end++;
        if (end < inner.length() && !Character.isWhitespace(inner.charAt(end))) return null;
      } else {
        while (end < inner.length() && !Character.isWhitespace(inner.charAt(end))) end++;
      }
      out.add(inner.substring(i, end));
      i = end;
    }
    return out;
  }

  private static Arg arg(String token) {
    if (INTEGER.matcher(token).matches()) return new Literal(Integer.valueOf(token));
    if (STRING.matcher(token).matches()) return new Literal(token.substring(1, token.length() - 1));
    if (token.equals("true") || token.equals("false")) return new Literal(Boolean.valueOf(token));
    return path(token);
  }

  /**
   * Plain dotted names only: no {@code this}, {@code ..}, {@code @data}, indexes or {@code length}.
   */
  private static Path path(String token) {
    String[] segments = token.split("\\.", -1);
    for (String s : segments) {
      if (!SEGMENT.matcher(s).matches() || s.equals("this") || s.equals("length")) return null;
    }
    if (segments[0].equals("true")
        || segments[0].equals("false")
        || segments[0].equals("null")
        || segments[0].equals("undefined")) return null;
    return new Path(segments);
  }
}
