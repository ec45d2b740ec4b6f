package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.JsonPaths;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Mapper 1.0: {@code fields} of {@code {extract | hardCodedValue, generate, dataType, default,
 * lookupName, discardIfEmpty}} and {@code lists} that build arrays from arrays of the record. The
 * configuration is read once into {@link Field}s: a mapping runs for every record.
 */
final class Mapper1 {
  private final List<Field> fields;
  private final List<ListRule> lists;
  private final Extracts extracts;
  private final StaticLookups lookups;

  /** One field rule as configured; {@code hardCoded} null when the field is extracted. */
  private record Field(
      String generate,
      String extract,
      JsonNode hardCoded,
      String lookupName,
      JsonNode fallback,
      boolean discardIfEmpty,
      String dataType) {
    static Field of(JsonNode f) {
      return new Field(
          f.get("generate").asText(),
          f.path("extract").asText(null),
          f.get("hardCodedValue"),
          f.hasNonNull("lookupName") ? f.get("lookupName").asText() : null,
          f.get("default"),
          f.path("discardIfEmpty").asBoolean(false),
          f.path("dataType").asText(null));
    }

    boolean iterates() {
      return extract != null && extract.contains("[*]");
    }
  }

  private record ListRule(String generate, List<Field> fields) {}

  Mapper1(JsonNode mapping, Extracts extracts, StaticLookups lookups) {
    this.extracts = extracts;
    this.lookups = lookups;
    this.fields = fields(mapping.path("fields"), "mapping.fields");
    JsonNode lists = mapping.path("lists");
    this.lists = new ArrayList<>();
    for (int i = 0; i < lists.size(); i++) {
      if (!lists.get(i).path("generate").isTextual())
        throw new IllegalArgumentException("mapping.lists[" + i + "].generate is required");
      this.lists.add(
          new ListRule(
              lists.get(i).get("generate").asText(),
              fields(lists.get(i).path("fields"), "mapping.lists[" + i + "].fields")));
    }
  }

  private List<Field> fields(JsonNode list, String where) {
    if (!list.isMissingNode() && !list.isArray())
      throw new IllegalArgumentException(where + " must be an array");
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      if (!f.path("generate").isTextual())
        throw new IllegalArgumentException(where + "[" + i + "].generate is required");
      if (f.hasNonNull("lookupName")
          && !lookups.has(f.get("lookupName").asText())
          && !f.has("extract")) {
        throw new IllegalArgumentException(where + "[" + i + "].lookupName names no static lookup");
      }
      out.add(Field.of(f));
    }
    return List.copyOf(out);
  }

  ObjectNode map(JsonNode record) {
    ObjectNode out = Json.object();
    for (Field f : fields) {
      JsonNode v = value(record, f);
      if (v != null) JsonPaths.set(out, f.generate(), v);
    }
    for (ListRule list : lists) JsonPaths.set(out, list.generate(), list(record, list));
    return out;
  }

  /** The value a field generates, or null when it generates nothing. */
  private JsonNode value(JsonNode source, Field f) {
    JsonNode v =
        f.hardCoded() != null ? f.hardCoded() : extracts.read(source, f.extract(), f.generate());
    if (f.lookupName() != null) v = lookups.apply(f.lookupName(), v, f.generate());
    if (DataTypes.empty(v)) {
      if (f.fallback() != null) v = f.fallback();
      else if (f.discardIfEmpty() || v == null || v.isMissingNode()) return null;
    }
    return DataTypes.convert(v, f.dataType(), f.generate());
  }

  /**
   * One element per element of the source arrays ({@code [*]} extracts), fields aligned by
   * position.
   */
  private ArrayNode list(JsonNode record, ListRule list) {
    List<JsonNode> perField = new ArrayList<>();
    int size = 0;
    boolean anyArray = false;
    for (Field f : list.fields()) {
      JsonNode v =
          !f.iterates()
              ? null
              : f.hardCoded() != null
                  ? f.hardCoded()
                  : extracts.read(record, f.extract(), f.generate());
      perField.add(v);
      if (v != null && v.isArray()) {
        anyArray = true;
        size = Math.max(size, v.size());
      }
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < (anyArray ? size : 0); i++) {
      ObjectNode item = Json.object();
      int k = 0;
      for (Field f : list.fields()) {
        JsonNode values = perField.get(k++);
        JsonNode v = values != null ? values.get(i) : value(record, f);
        if (values != null) {
          if (f.lookupName() != null) v = lookups.apply(f.lookupName(), v, f.generate());
          if (DataTypes.empty(v) && f.fallback() != null) v = f.fallback();
          if (v != null) v = DataTypes.convert(v, f.dataType(), f.generate());
        }
        if (v != null && !v.isMissingNode()) JsonPaths.set(item, f.generate(), v);
      }
      out.add(item);
    }
    return out;
  }
}
