package io.tributary.flowops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.resources.Ref;
import io.tributary.resources.Referrer;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.web.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a resource uses and what uses it (D30), grouped by type in the original's shape: only the
 * non-empty groups, items {@code {id, name, relation}} with relation {@code uses} or {@code
 * usedBy}. A flow also uses its steps' connections and scripts; a connection is also used by the
 * flows of the steps that use it.
 */
final class Dependencies {
  private static final List<String> ORDER =
      List.of("integrations", "flows", "exports", "imports", "connections", "scripts");
  private final ResourceService resources;
  private final Kinds k;

  Dependencies(ResourceService resources, Kinds kinds) {
    this.resources = resources;
    this.k = kinds;
  }

  ObjectNode of(ResourceType t, String id) {
    return resources.inTransaction(
        tx -> {
          tx.find(t, id).orElseThrow(() -> Problem.notFound(t.label()));
          Map<String, Map<String, String>> groups = new LinkedHashMap<>();
          ORDER.forEach(type -> groups.put(type, new LinkedHashMap<>()));
          for (Ref r : tx.refsFrom(id)) {
            if (!r.targetId().equals(id) && groups.containsKey(r.targetType()))
              groups.get(r.targetType()).put(r.targetId(), "uses");
          }
          if (t.path().equals(ResourceTypes.FLOWS)) {
            FlowParts parts = FlowParts.of(tx, id);
            parts.connections().forEach(c -> groups.get("connections").putIfAbsent(c, "uses"));
            parts.scripts().forEach(s -> groups.get("scripts").putIfAbsent(s, "uses"));
          }
          for (Referrer r : tx.referrers(id)) {
            if (r.id().equals(id) || !groups.containsKey(r.type())) continue;
            groups.get(r.type()).putIfAbsent(r.id(), "usedBy");
            if (t.path().equals(ResourceTypes.CONNECTIONS)
                && !r.type().equals(ResourceTypes.FLOWS)) {
              for (Referrer f : tx.referrers(r.id())) {
                if (f.type().equals(ResourceTypes.FLOWS))
                  groups.get("flows").putIfAbsent(f.id(), "usedBy");
              }
            }
          }
          ObjectNode out = Json.object();
          groups.forEach(
              (type, items) -> {
                if (items.isEmpty()) return;
                ArrayNode list = out.putArray(type);
                ResourceType rt = k.of(type);
                items.forEach(
                    (rid, relation) ->
                        list.addObject()
                            .put("id", rid)
                            .put(
                                "name",
                                tx.find(rt, rid)
                                    .map(d -> d.body().path("name").asText(""))
                                    .orElse(""))
                            .put("relation", relation));
              });
          return out;
        });
  }
}
