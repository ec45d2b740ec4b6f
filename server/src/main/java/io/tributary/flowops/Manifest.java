package io.tributary.flowops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.ResourceType;
import io.tributary.web.Json;

/** What an operation created: {@code [{"model":"Flow","_id","name"}]} (D11). */
public final class Manifest {
  public final ArrayNode entries = Json.MAPPER.createArrayNode();

  public void add(ResourceType t, ObjectNode created) {
    entries
        .addObject()
        .put("model", t.label())
        .put("_id", created.get("_id").asText())
        .put("name", created.path("name").asText(""));
  }
}
