package io.tributary.flowops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.resources.Ref;
import io.tributary.resources.Referrer;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Replace a connection across a flow (D12) and list a flow's dependencies (D13). */
public final class FlowOps {
  private final ResourceService resources;
  private final Kinds k;

  public FlowOps(ResourceService resources, Kinds kinds) {
    this.resources = resources;
    this.k = kinds;
  }

  /**
   * Points every export and import of the flow that used {@code _connectionId} at
   * {@code _newConnectionId}. Steps shared with other flows change for them too; each step's audit
   * entry names those flows. Answers the flow.
   */
  public ObjectNode replaceConnection(String flowId, JsonNode body, Actor actor) {
    if (!body.isObject() || !body.path("_connectionId").isTextual() || !body.path("_newConnectionId").isTextual()) {
      throw Problem.invalid("missing_required_field", "_connectionId and _newConnectionId are required", "_connectionId");
    }
    String oldId = body.get("_connectionId").asText();
    String newId = body.get("_newConnectionId").asText();
    return resources.inTransaction(tx -> {
      StoredDoc flow = tx.find(k.flows(), flowId).orElseThrow(() -> Problem.notFound("Flow"));
      FlowParts parts = FlowParts.of(tx, flowId);
      if (!parts.connections().contains(oldId)) {
        throw Problem.invalid("invalid_field", "The flow does not use connection " + oldId, "_connectionId");
      }
      StoredDoc oldConn = tx.find(k.connections(), oldId).orElseThrow();
      StoredDoc newConn = tx.find(k.connections(), newId)
          .orElseThrow(() -> Problem.invalid("invalid_ref", "Connection not found for the given id " + newId, "_newConnectionId"));
      String from = oldConn.body().path("type").asText();
      String to = newConn.body().path("type").asText();
      if (!from.equals(to)) {
        throw Problem.invalid("invalid_field", "Connection " + newId + " is of type " + to + ", the flow's steps need " + from,
            "_newConnectionId");
      }
      for (String step : parts.steps()) {
        ResourceType t = parts.exports().contains(step) ? k.exports() : k.imports();
        StoredDoc doc = tx.find(t, step).orElseThrow();
        if (!oldId.equals(doc.body().path("_connectionId").asText())) continue;
        List<String> others = otherFlows(tx, step, flowId);
        String note = others.isEmpty() ? null : "Connection replaced through flow " + flowId + "; also used by flows " + others;
        tx.update(t, step, d -> d.put("_connectionId", newId), actor, note);
      }
      return resources.view(k.flows(), tx.find(k.flows(), flow.id()).orElseThrow());
    });
  }

  private static List<String> otherFlows(ResourceService.Tx tx, String stepId, String flowId) {
    Set<String> out = new LinkedHashSet<>();
    for (Referrer r : tx.referrers(stepId)) if (r.type().equals(ResourceTypes.FLOWS) && !r.id().equals(flowId)) out.add(r.id());
    return List.copyOf(out);
  }

  /** What the flow uses and what uses it, grouped by type, each with its relation. */
  public ObjectNode dependencies(String flowId) {
    return resources.inTransaction(tx -> {
      tx.find(k.flows(), flowId).orElseThrow(() -> Problem.notFound("Flow"));
      Map<String, Map<String, String>> groups = new LinkedHashMap<>();
      for (String type : List.of("integrations", "exports", "imports", "connections", "scripts", "flows")) groups.put(type, new LinkedHashMap<>());
      List<Ref> direct = tx.refsFrom(flowId);
      for (Ref r : direct) {
        if (!r.targetId().equals(flowId)) groups.get(r.targetType()).put(r.targetId(), "uses");
      }
      FlowParts parts = FlowParts.of(tx, flowId);
      parts.connections().forEach(c -> groups.get("connections").putIfAbsent(c, "uses"));
      parts.scripts().forEach(s -> groups.get("scripts").putIfAbsent(s, "uses"));
      for (Referrer r : tx.referrers(flowId)) {
        if (r.type().equals(ResourceTypes.FLOWS)) groups.get("flows").putIfAbsent(r.id(), "usedBy");
      }
      ObjectNode out = Json.object();
      groups.forEach((type, items) -> {
        ArrayNode list = out.putArray(type);
        ResourceType t = k.of(type);
        items.forEach((id, relation) -> list.addObject().put("_id", id)
            .put("name", tx.find(t, id).map(d -> d.body().path("name").asText("")).orElse("")).put("relation", relation));
      });
      return out;
    });
  }

}
