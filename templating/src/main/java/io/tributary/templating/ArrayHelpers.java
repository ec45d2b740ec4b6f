package io.tributary.templating;

import static io.tributary.templating.Helpers.define;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.jknack.handlebars.Handlebars;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.json.JsonPaths;
import java.util.LinkedHashSet;
import java.util.List;

/** Array helpers; they answer JSON arrays, which #each iterates and which print as JSON. */
final class ArrayHelpers {
  private ArrayHelpers() {}

  static void register(Handlebars hb) {
    // {{first array}} is the first element; {{first array n}} the first n elements.
    define(
        hb,
        "first",
        a -> {
          List<JsonNode> l = Values.list(a.get(0));
          if (a.has(1)) return array(l.subList(0, bound(a.integer(1, 1), l.size())));
          return l.isEmpty() ? null : l.get(0);
        });
    define(
        hb,
        "last",
        a -> {
          List<JsonNode> l = Values.list(a.get(0));
          if (a.has(1))
            return array(l.subList(l.size() - bound(a.integer(1, 1), l.size()), l.size()));
          return l.isEmpty() ? null : l.get(l.size() - 1);
        });
    define(
        hb,
        "after",
        a -> {
          List<JsonNode> l = Values.list(a.get(0));
          return array(l.subList(bound(a.integer(1, 0), l.size()), l.size()));
        });
    define(
        hb,
        "before",
        a -> {
          List<JsonNode> l = Values.list(a.get(0));
          return array(l.subList(0, l.size() - bound(a.integer(1, 0), l.size())));
        });
    define(hb, "arrayify", a -> array(Values.list(a.get(0))));
    define(hb, "unique", a -> array(List.copyOf(new LinkedHashSet<>(Values.list(a.get(0))))));
    // {{pluck array "a.b"}}: that property of each element, dotted paths allowed.
    define(
        hb,
        "pluck",
        a -> {
          ArrayNode out = Json.MAPPER.createArrayNode();
          for (JsonNode n : Values.list(a.get(0))) {
            JsonNode v = JsonPaths.get(n, a.text(1));
            if (v != null && !v.isMissingNode()) out.add(v);
          }
          return out;
        });
  }

  private static int bound(int n, int size) {
    return Math.max(0, Math.min(n, size));
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    items.forEach(out::add);
    return out;
  }
}
