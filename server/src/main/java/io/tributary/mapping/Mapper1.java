package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.json.JsonPaths;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Mapper 1.0: {@code fields} of {@code {extract | hardCodedValue, generate, dataType, default,
 * lookupName, discardIfEmpty}} and {@code lists} that build arrays from arrays of the record.
 */
final class Mapper1 {
  private final JsonNode fields;
  private final JsonNode lists;
  private final Extracts extracts;
  private final StaticLookups lookups;

  Mapper1(JsonNode mapping, Extracts extracts, StaticLookups lookups) {
    this.fields = mapping.path("fields");
    this.lists = mapping.path("lists");
    this.extracts = extracts;
    this.lookups = lookups;
    check(fields, "mapping.fields");
    for (int i = 0; i < lists.size(); i++) {
      if (!lists.get(i).path("generate").isTextual()) throw new IllegalArgumentException("mapping.lists[" + i + "].generate is required");
      check(lists.get(i).path("fields"), "mapping.lists[" + i + "].fields");
    }
  }

  private void check(JsonNode list, String where) {
    if (!list.isMissingNode() && !list.isArray()) throw new IllegalArgumentException(where + " must be an array");
    for (int i = 0; i < list.size(); i++) {
      JsonNode f = list.get(i);
      if (!f.path("generate").isTextual()) throw new IllegalArgumentException(where + "[" + i + "].generate is required");
      if (f.hasNonNull("lookupName") && !lookups.has(f.get("lookupName").asText()) && !f.has("extract")) {
        throw new IllegalArgumentException(where + "[" + i + "].lookupName names no static lookup");
      }
    }
  }

  ObjectNode map(JsonNode record) {
    ObjectNode out = Json.object();
    for (JsonNode f : fields) {
      JsonNode v = value(record, f);
      if (v != null) JsonPaths.set(out, f.get("generate").asText(), v);
    }
    for (JsonNode list : lists) JsonPaths.set(out, list.get("generate").asText(), list(record, list));
    return out;
  }

  /** The value a field generates, or null when it generates nothing. */
  private JsonNode value(JsonNode source, JsonNode f) {
    String generate = f.get("generate").asText();
    JsonNode v = f.has("hardCodedValue") ? f.get("hardCodedValue") : extracts.read(source, f.path("extract").asText(null), generate);
    if (f.hasNonNull("lookupName")) v = lookups.apply(f.get("lookupName").asText(), v, generate);
    if (DataTypes.empty(v)) {
      if (f.has("default")) v = f.get("default");
      else if (f.path("discardIfEmpty").asBoolean(false) || v == null || v.isMissingNode()) return null;
    }
    return DataTypes.convert(v, f.path("dataType").asText(null), generate);
  }

  /** One element per element of the source arrays ({@code [*]} extracts), fields aligned by position. */
  private ArrayNode list(JsonNode record, JsonNode list) {
    JsonNode listFields = list.path("fields");
    List<JsonNode> perField = new ArrayList<>();
    int size = 0;
    boolean anyArray = false;
    for (JsonNode f : listFields) {
      String extract = f.path("extract").asText("");
      JsonNode v = f.has("hardCodedValue") ? f.get("hardCodedValue") : extracts.read(record, extract, f.path("generate").asText());
      boolean iterates = extract.contains("[*]");
      perField.add(iterates ? v : null);
      if (iterates && v.isArray()) {
        anyArray = true;
        size = Math.max(size, v.size());
      }
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (int i = 0; i < (anyArray ? size : 0); i++) {
      ObjectNode item = Json.object();
      int k = 0;
      for (JsonNode f : listFields) {
        JsonNode values = perField.get(k++);
        JsonNode v = values != null ? values.get(i) : value(record, f);
        if (values != null) {
          if (f.hasNonNull("lookupName")) v = lookups.apply(f.get("lookupName").asText(), v, f.get("generate").asText());
          if (DataTypes.empty(v) && f.has("default")) v = f.get("default");
          if (v != null) v = DataTypes.convert(v, f.path("dataType").asText(null), f.get("generate").asText());
        }
        if (v != null && !v.isMissingNode()) JsonPaths.set(item, f.get("generate").asText(), v);
      }
      out.add(item);
    }
    return out;
  }
}
