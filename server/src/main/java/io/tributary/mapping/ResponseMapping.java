package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.JsonPaths;
import io.tributary.web.Json;

/**
 * A step's {@code responseMapping}: {@code fields} copy values of the step's response into the
 * record; {@code lists} build arrays. Unlike integrator.io, whole arrays and objects are carried.
 */
public final class ResponseMapping {
  private final JsonNode fields;
  private final JsonNode lists;

  private ResponseMapping(JsonNode fields, JsonNode lists) {
    this.fields = fields;
    this.lists = lists;
  }

  public static ResponseMapping of(JsonNode rm) {
    JsonNode fields = rm == null ? null : rm.get("fields");
    JsonNode lists = rm == null ? null : rm.get("lists");
    check(fields, "responseMapping.fields");
    check(lists, "responseMapping.lists");
    if (lists != null)
      for (int i = 0; lists.isArray() && i < lists.size(); i++)
        check(lists.get(i).get("fields"), "responseMapping.lists[" + i + "].fields");
    return new ResponseMapping(
        fields == null ? Json.MAPPER.createArrayNode() : fields,
        lists == null ? Json.MAPPER.createArrayNode() : lists);
  }

  private static void check(JsonNode list, String where) {
    if (list == null || list.isNull()) return;
    if (!list.isArray()) throw new IllegalArgumentException(where + " must be an array");
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).path("generate").isTextual())
        throw new IllegalArgumentException(where + "[" + i + "].generate is required");
    }
  }

  /** True when there is nothing to map: callers skip building the response altogether. */
  public boolean isEmpty() {
    return fields.isEmpty() && lists.isEmpty();
  }

  public ObjectNode apply(JsonNode record, JsonNode response) {
    ObjectNode out = record instanceof ObjectNode o ? o.deepCopy() : Json.object();
    for (JsonNode f : fields) {
      JsonNode v = JsonPaths.get(response, f.path("extract").asText("$"));
      if (!v.isMissingNode()) JsonPaths.set(out, f.get("generate").asText(), v.deepCopy());
    }
    for (JsonNode list : lists) {
      ArrayNode items = Json.MAPPER.createArrayNode();
      JsonNode listFields = list.path("fields");
      int size = 0;
      for (JsonNode f : listFields) {
        JsonNode v = JsonPaths.get(response, f.path("extract").asText(""));
        if (v.isArray()) size = Math.max(size, v.size());
      }
      for (int i = 0; i < size; i++) {
        ObjectNode item = Json.object();
        for (JsonNode f : listFields) {
          JsonNode v = JsonPaths.get(response, f.path("extract").asText(""));
          JsonNode e = v.isArray() ? v.get(i) : v;
          if (e != null && !e.isMissingNode())
            JsonPaths.set(item, f.get("generate").asText(), e.deepCopy());
        }
        items.add(item);
      }
      JsonPaths.set(out, list.get("generate").asText(), items);
    }
    return out;
  }
}
