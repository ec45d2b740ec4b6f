package io.tributary.flowops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.util.List;
import java.util.Map;

/**
 * The second pass of a copy: chains ({@code _runNextFlowIds}) and {@code aliases} may name flows
 * copied in the same operation, so they are set once every copy exists, pointing at the copies.
 */
public final class FlowLinks {
  private static final List<String> FIELDS = List.of("_runNextFlowIds", "aliases");

  private FlowLinks() {}

  public static void link(
      ResourceService.Tx tx,
      ResourceType flows,
      JsonNode original,
      String copyId,
      Map<String, String> ids,
      Actor actor) {
    if (FIELDS.stream().noneMatch(original::has)) return;
    tx.update(
        flows,
        copyId,
        doc -> {
          for (String field : FIELDS) {
            if (!original.has(field)) continue;
            JsonNode value = original.get(field).deepCopy();
            IdRemap.apply(Json.object().set(field, value), ids);
            doc.set(field, value);
          }
          return doc;
        },
        actor,
        null);
  }

  /** The document to create a copy from: without its links, which {@link #link} sets afterwards. */
  public static ObjectNode unlinked(JsonNode flow) {
    ObjectNode doc = flow.deepCopy();
    doc.remove(FIELDS);
    return doc;
  }
}
