package io.tributary.flowops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the references of a document (every {@code _exportId}, {@code _importId}, {@code
 * _connectionId}, {@code _scriptId}, {@code _integrationId}, {@code _flowId}, {@code
 * _flowGroupingId}, and the ids in {@code _runNextFlowIds} and {@code _registeredConnectionIds})
 * through an old-id to new-id map. Ids not in the map stay.
 */
public final class IdRemap {
  static final Set<String> REF_FIELDS =
      Set.of(
          "_exportId",
          "_importId",
          "_connectionId",
          "_scriptId",
          "_integrationId",
          "_flowId",
          "_flowGroupingId",
          "_borrowConcurrencyFromConnectionId");
  static final Set<String> REF_LISTS = Set.of("_runNextFlowIds", "_registeredConnectionIds");

  private IdRemap() {}

  public static void apply(JsonNode node, Map<String, String> ids) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (REF_FIELDS.contains(e.getKey()) && v.isTextual() && ids.containsKey(v.asText())) {
          e.setValue(TextNode.valueOf(ids.get(v.asText())));
        } else if (REF_LISTS.contains(e.getKey()) && v instanceof ArrayNode a) {
          for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isTextual() && ids.containsKey(a.get(i).asText()))
              a.set(i, TextNode.valueOf(ids.get(a.get(i).asText())));
          }
        } else {
          apply(v, ids);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (JsonNode e : a) apply(e, ids);
    }
  }

  /** Every id a document references through the reference fields. */
  public static void collect(
      JsonNode node, String field, java.util.function.BiConsumer<String, String> out) {
    if (node instanceof ObjectNode o) {
      o.fields()
          .forEachRemaining(
              e -> {
                if (REF_FIELDS.contains(e.getKey()) && e.getValue().isTextual())
                  out.accept(e.getKey(), e.getValue().asText());
                else if (REF_LISTS.contains(e.getKey()) && e.getValue().isArray())
                  e.getValue().forEach(n -> out.accept(e.getKey(), n.asText()));
                else collect(e.getValue(), e.getKey(), out);
              });
    } else if (node instanceof ArrayNode a) {
      for (JsonNode e : a) collect(e, field, out);
    }
  }
}
