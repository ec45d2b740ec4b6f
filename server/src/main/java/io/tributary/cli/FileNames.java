package io.tributary.cli;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names (and reference keys) from resource names: what no common file system refuses, and
 * unique even where names are not, or where a file system ignores case. Resources sharing a name
 * are told apart by creation order ({@code _id} order): the oldest keeps the plain name, the others
 * get {@code ~2}, {@code ~3} ..., so the same server state always gives the same files.
 */
final class FileNames {
  private static final Pattern UNSAFE = Pattern.compile("[\\x00-\\x1f\\x7f/\\\\:*?\"<>|~]");
  private static final Pattern RESERVED =
      Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");
  private static final int MAX = 80;

  private FileNames() {}

  /** A name made safe for a file: unsafe characters become {@code _}, ends trimmed, bounded. */
  static String safe(String name) {
    String s = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
    s = UNSAFE.matcher(s).replaceAll("_").strip();
    while (s.endsWith(".")) s = s.substring(0, s.length() - 1).strip();
    while (s.startsWith(".")) s = s.substring(1).strip();
    if (s.codePointCount(0, s.length()) > MAX) s = s.substring(0, s.offsetByCodePoints(0, MAX));
    if (s.isEmpty()) s = "unnamed";
    if (RESERVED.matcher(s).matches()) s = "_" + s;
    return s;
  }

  /** A key for each resource (id → key), unique ignoring case, stable for the same resources. */
  static Map<String, String> keys(List<Named> resources) {
    List<Named> ordered = resources.stream().sorted(Comparator.comparing(Named::id)).toList();
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Named r : ordered) {
      String base = safe(r.name());
      String key = base;
      for (int n = 2; !taken.add(key.toLowerCase(Locale.ROOT)); n++) key = base + "~" + n;
      out.put(r.id(), key);
    }
    return out;
  }

  record Named(String id, String name) {}
}
