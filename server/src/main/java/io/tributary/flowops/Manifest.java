package io.tributary.flowops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.ResourceType;
import io.tributary.web.Json;

/** What an operation created: {@code [{"model":"Flow","_id","name"}]} (D11). */
final class Manifest {
  final ArrayNode entries = Json.MAPPER.createArrayNode();

  void add(ResourceType t, ObjectNode created) {
    entries.addObject().put("model", t.label()).put("_id", created.get("_id").asText())
        .put("name", created.path("name").asText(""));
  }
}
