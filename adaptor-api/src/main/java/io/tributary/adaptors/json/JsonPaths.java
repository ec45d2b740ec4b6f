package io.tributary.adaptors.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The field paths integrator.io uses in mappings, filters and response mappings: {@code
 * customer.id}, {@code items[0].sku}, {@code data[*].name}, {@code [Field With Spaces]}, {@code $}
 * for the whole record. A leading {@code $.} is accepted.
 */
public final class JsonPaths {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonPaths() {}

  /** One step of a path: a field name, an array index, or {@code [*]} (every element). */
  public sealed interface Step permits Field, Index, Each {}

  public record Field(String name) implements Step {}

  public record Index(int index) implements Step {}

  public record Each() implements Step {}

  /**
   * Parsed paths by text: they come from configuration (a few per step) and are read for every
   * record.
   */
  private static final java.util.Map<String, List<Step>> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int PARSED_LIMIT = 10_000;

  /** The steps of {@code path} (immutable; parsed once and remembered). */
  public static List<Step> parse(String path) {
    List<Step> steps = PARSED.get(path);
    if (steps != null) return steps;
    steps = List.copyOf(parseNew(path));
    if (PARSED.size() >= PARSED_LIMIT)
      PARSED.clear(); // paths built from data could otherwise grow it without bound
    PARSED.put(path, steps);
    return steps;
  }

  private static List<Step> parseNew(String path) {
    List<Step> steps = new ArrayList<>();
    String p = path.trim();
    if (p.equals("$") || p.isEmpty()) return steps;
    if (p.startsWith("$.")) p = p.substring(2);
    else if (p.startsWith("$[")) p = p.substring(1);
    int i = 0;
    StringBuilder name = new StringBuilder();
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        flush(name, steps);
        i++;
      } else if (c == '[') {
        flush(name, steps);
        int close = p.indexOf(']', i);
        if (close < 0) throw new IllegalArgumentException("Unclosed '[' in path " + path);
        String inner = p.substring(i + 1, close);
        if (inner.equals("*")) steps.add(new Each());
        else if (inner.matches("\\d+")) steps.add(new Index(Integer.parseInt(inner)));
        else steps.add(new Field(unquote(inner)));
        i = close + 1;
      } else {
        name.append(c);
        i++;
      }
    }
    flush(name, steps);
    return steps;
  }

  /**
   * The value at {@code path}, {@link MissingNode} when absent; {@code [*]} collects into an array.
   */
  public static JsonNode get(JsonNode root, String path) {
    return get(root, parse(path), 0);
  }

  private static JsonNode get(JsonNode node, List<Step> steps, int from) {
    JsonNode n = node;
    for (int i = from; i < steps.size(); i++) {
      if (n == null || n.isMissingNode() || n.isNull()) return MissingNode.getInstance();
      Step s = steps.get(i);
      if (s instanceof Field f) {
        n =
            n.isObject()
                ? n.get(f.name())
                : (n.isArray() && f.name().matches("\\d+")
                    ? n.get(Integer.parseInt(f.name()))
                    : null);
      } else if (s instanceof Index x) {
        n = n.isArray() ? n.get(x.index()) : null;
      } else {
        if (!n.isArray()) return MissingNode.getInstance();
        ArrayNode out = NODES.arrayNode();
        for (JsonNode e : n) {
          JsonNode v = get(e, steps, i + 1);
          if (!v.isMissingNode()) out.add(v);
        }
        return out;
      }
    }
    return n == null ? MissingNode.getInstance() : n;
  }

  /**
   * Sets {@code value} at {@code path} under {@code root}, creating objects (and arrays for index
   * steps) on the way. {@code $} or an empty path with an object value merges it into root.
   */
  public static void set(ObjectNode root, String path, JsonNode value) {
    List<Step> steps = parse(path);
    if (steps.isEmpty()) {
      if (value instanceof ObjectNode o) root.setAll(o);
      return;
    }
    JsonNode n = root;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      boolean last = i == steps.size() - 1;
      Step next = last ? null : steps.get(i + 1);
      if (s instanceof Each)
        throw new IllegalArgumentException("Cannot write through [*] in " + path);
      if (s instanceof Field f && n instanceof ObjectNode o) {
        if (last) o.set(f.name(), value);
        else n = child(o.get(f.name()), next, c -> o.set(f.name(), c));
      } else if (s instanceof Index x && n instanceof ArrayNode a) {
        while (a.size() <= x.index()) a.addNull();
        if (last) a.set(x.index(), value);
        else n = child(a.get(x.index()), next, c -> a.set(x.index(), c));
      } else {
        throw new IllegalArgumentException(
            "Cannot write " + path + ": a step crosses a value of another kind");
      }
    }
  }

  private static JsonNode child(
      JsonNode existing, Step next, java.util.function.Consumer<JsonNode> attach) {
    boolean wantArray = next instanceof Index;
    if (existing != null && (wantArray ? existing.isArray() : existing.isObject())) return existing;
    JsonNode created = wantArray ? NODES.arrayNode() : NODES.objectNode();
    attach.accept(created);
    return created;
  }

  private static void flush(StringBuilder name, List<Step> steps) {
    if (!name.isEmpty()) {
      steps.add(new Field(name.toString()));
      name.setLength(0);
    }
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
