package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The context a mapping's Handlebars extract sees: the record's fields at the top (Mapper 1.0
 * style) and the record itself under {@code record} (AFE 2.0 style). A read-only view over the
 * record rather than a copy of it, since it is made for every templated field of every record.
 */
final class RecordScope extends AbstractMap<String, JsonNode> {
  private final JsonNode record;

  private RecordScope(JsonNode record) {
    this.record = record;
  }

  static ObjectNode of(JsonNode record) {
    return new ObjectNode(JsonNodeFactory.instance, new RecordScope(record));
  }

  @Override
  public JsonNode get(Object key) {
    if ("record".equals(key)) return record;
    return record instanceof ObjectNode o && key instanceof String k ? o.get(k) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  /**
   * Iteration (an {@code {{#each this}}} over the scope) is rare: it gets a copy in the order a
   * copy would have.
   */
  @Override
  public Set<Entry<String, JsonNode>> entrySet() {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    if (record instanceof ObjectNode o)
      o.properties().forEach(e -> copy.put(e.getKey(), e.getValue()));
    copy.put("record", record);
    return java.util.Collections.unmodifiableMap(copy).entrySet();
  }

  @Override
  public JsonNode put(String key, JsonNode value) {
    throw new UnsupportedOperationException("a mapping's template context is read-only");
  }
}
