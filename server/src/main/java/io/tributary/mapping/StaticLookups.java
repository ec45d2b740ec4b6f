package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The import's static {@code lookups}: named maps from a source value to a destination value. */
final class StaticLookups {
  private record Lookup(Map<String, JsonNode> map, JsonNode fallback, boolean allowFailures) {}

  private final Map<String, Lookup> byName = new HashMap<>();

  StaticLookups(JsonNode lookups) {
    if (lookups == null || !lookups.isArray()) return;
    for (int i = 0; i < lookups.size(); i++) {
      JsonNode l = lookups.get(i);
      String name = l.path("name").asText("");
      if (name.isEmpty()) throw new IllegalArgumentException("lookups[" + i + "].name is required");
      if (!l.has("map"))
        continue; // a dynamic lookup (by query) is resolved elsewhere, not statically
      if (!l.get("map").isObject())
        throw new IllegalArgumentException("lookups[" + i + "].map must be an object");
      Map<String, JsonNode> map = new HashMap<>();
      l.get("map").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
      byName.put(name, new Lookup(map, l.get("default"), l.path("allowFailures").asBoolean(false)));
    }
  }

  boolean has(String name) {
    return byName.containsKey(name);
  }

  JsonNode apply(String name, JsonNode value, String field) {
    Lookup l = byName.get(name);
    if (l == null)
      throw new MappingFailure(
          "cannot_evaluate_static_lookup", "No static lookup named " + name, field);
    JsonNode found =
        l.map().get(value == null || value.isMissingNode() || value.isNull() ? "" : value.asText());
    if (found != null) return found;
    if (l.fallback() != null) return l.fallback();
    if (l.allowFailures()) return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    throw new MappingFailure(
        "cannot_evaluate_static_lookup",
        "Lookup " + name + " has no entry for \"" + (value == null ? "" : value.asText()) + "\"",
        field);
  }
}
