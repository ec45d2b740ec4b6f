package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.JsonPaths;
import io.tributary.web.Json;

/**
 * Mapper 2.0 ({@code mappings}) for JSON targets: each mapping generates one field; {@code object}
 * and {@code objectarray} mappings nest child {@code mappings}. Inside an object array built from a
 * source array ({@code $.lines[*]}), children read each element first and fall back to the record.
 */
final class Mapper2 {
  private final JsonNode mappings;
  private final Extracts extracts;
  private final StaticLookups lookups;

  Mapper2(JsonNode mappings, Extracts extracts, StaticLookups lookups) {
    this.mappings = mappings;
    this.extracts = extracts;
    this.lookups = lookups;
    check(mappings, "mappings");
  }

  private static void check(JsonNode list, String where) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode m = list.get(i);
      String at = where + "[" + i + "]";
      if (!m.isObject()) throw new IllegalArgumentException(at + " must be an object");
      if (!m.path("generate").isTextual() && !m.path("generate").isMissingNode())
        throw new IllegalArgumentException(at + ".generate must be a string");
      if (m.has("mappings")) check(m.get("mappings"), at + ".mappings");
    }
  }

  ObjectNode map(JsonNode record) {
    ObjectNode out = Json.object();
    apply(mappings, record, record, out);
    return out;
  }

  private void apply(JsonNode list, JsonNode record, JsonNode scope, ObjectNode out) {
    for (JsonNode m : list) {
      if (m.path("status").asText("Active").equalsIgnoreCase("inactive")) continue;
      String generate = m.path("generate").asText("");
      String type = m.path("dataType").asText("string").toLowerCase(java.util.Locale.ROOT);
      JsonNode value;
      if (type.equals("object") && m.has("mappings")) {
        ObjectNode child = Json.object();
        JsonNode source =
            m.hasNonNull("extract")
                ? read(record, scope, m.get("extract").asText(), generate)
                : scope;
        apply(m.get("mappings"), record, source.isMissingNode() ? scope : source, child);
        value = child;
      } else if (type.equals("objectarray") && m.has("mappings")) {
        value = objectArray(m, record, scope, generate);
      } else {
        value =
            m.has("hardCodedValue")
                ? m.get("hardCodedValue")
                : read(record, scope, m.path("extract").asText(null), generate);
        if (m.path("conditional").path("when").asText("").equals("extract_not_empty")
            && DataTypes.empty(value)) continue;
        if (m.hasNonNull("lookupName"))
          value = lookups.apply(m.get("lookupName").asText(), value, generate);
        if (DataTypes.empty(value) && m.has("default")) value = m.get("default");
        if (value.isMissingNode()) continue;
        value = DataTypes.convert(value, type, generate);
      }
      if (generate.isEmpty()) {
        if (value instanceof ObjectNode o) out.setAll(o);
      } else {
        JsonPaths.set(out, generate, value);
      }
    }
  }

  private ArrayNode objectArray(JsonNode m, JsonNode record, JsonNode scope, String generate) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    JsonNode source =
        m.hasNonNull("extract")
            ? read(record, scope, m.get("extract").asText(), generate)
            : MissingNode.getInstance();
    if (!source.isArray()) {
      ObjectNode single = Json.object();
      apply(m.get("mappings"), record, source.isMissingNode() ? scope : source, single);
      out.add(single);
      return out;
    }
    for (JsonNode element : source) {
      ObjectNode item = Json.object();
      apply(m.get("mappings"), record, element, item);
      out.add(item);
    }
    return out;
  }

  /** Reads relative to the scope (an array element), then from the record's root. */
  private JsonNode read(JsonNode record, JsonNode scope, String extract, String field) {
    if (extract == null) return MissingNode.getInstance();
    String path = extract.startsWith("$.") ? extract.substring(2) : extract;
    if (scope != record) {
      JsonNode inScope = extracts.read(scope, path, field);
      if (!inScope.isMissingNode()) return inScope;
      int dot = path.lastIndexOf("[*].");
      if (dot >= 0) {
        inScope = extracts.read(scope, path.substring(dot + 4), field);
        if (!inScope.isMissingNode()) return inScope;
      }
    }
    return extracts.read(record, path, field);
  }
}
