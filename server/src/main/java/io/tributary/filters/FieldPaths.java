package io.tributary.filters;

import io.tributary.adaptors.json.JsonPaths;
import java.util.regex.Pattern;

/**
 * Path spellings that integrator.io's rules 1.0 accept beyond {@link JsonPaths}: a bare {@code *}
 * segment for "every element" ({@code *.id}, {@code lines.*.sku}) and slash paths written for XML
 * sources ({@code /Feed/Status}). Both are rewritten to the JsonPaths form once, at parse time.
 */
final class FieldPaths {
  private static final Pattern STAR_SEGMENT = Pattern.compile("(^|\\.)\\*(?=\\.|\\[|$)");

  private FieldPaths() {}

  static String normalize(String path) {
    String p = path.trim();
    if (p.startsWith("/")) p = p.substring(1).replace('/', '.');
    return STAR_SEGMENT.matcher(p).replaceAll("$1[*]");
  }

  /**
   * The normalized path, or an IllegalArgumentException naming {@code at} when it cannot be read.
   */
  static String checked(String path, String at) {
    if (path.isBlank()) throw new InvalidRuleException(at, "the path is empty");
    String p = normalize(path);
    try {
      JsonPaths.parse(p);
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(at, e.getMessage());
    }
    return p;
  }

  static int stars(String normalized) {
    return (int)
        JsonPaths.parse(normalized).stream().filter(s -> s instanceof JsonPaths.Each).count();
  }
}
