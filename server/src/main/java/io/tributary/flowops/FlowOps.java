package io.tributary.flowops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.resources.Referrer;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.ResourceTypes;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Actor;
import java.util.LinkedHashSet;
import java.util.List;
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
   * Points every export and import of the flow that used {@code _connectionId} at {@code
   * _newConnectionId}. Steps shared with other flows change for them too; each step's audit entry
   * names those flows. Answers the flow.
   */
  public ObjectNode replaceConnection(String flowId, JsonNode body, Actor actor) {
    if (!body.isObject()
        || !body.path("_connectionId").isTextual()
        || !body.path("_newConnectionId").isTextual()) {
      throw Problem.invalid(
          "missing_required_field",
          "_connectionId and _newConnectionId are required",
          "_connectionId");
    }
    String oldId = body.get("_connectionId").asText();
    String newId = body.get("_newConnectionId").asText();
    return resources.inTransaction(
        tx -> {
          StoredDoc flow = tx.find(k.flows(), flowId).orElseThrow(() -> Problem.notFound("Flow"));
          FlowParts parts = FlowParts.of(tx, flowId);
          if (!parts.connections().contains(oldId)) {
            throw Problem.invalid(
                "invalid_field", "The flow does not use connection " + oldId, "_connectionId");
          }
          StoredDoc oldConn = tx.find(k.connections(), oldId).orElseThrow();
          StoredDoc newConn =
              tx.find(k.connections(), newId)
                  .orElseThrow(
                      () ->
                          Problem.invalid(
                              "invalid_ref",
                              "Connection not found for the given id " + newId,
                              "_newConnectionId"));
          String from = oldConn.body().path("type").asText();
          String to = newConn.body().path("type").asText();
          if (!from.equals(to)) {
            throw Problem.invalid(
                "invalid_field",
                "Connection " + newId + " is of type " + to + ", the flow's steps need " + from,
                "_newConnectionId");
          }
          for (String step : parts.steps()) {
            ResourceType t = parts.exports().contains(step) ? k.exports() : k.imports();
            StoredDoc doc = tx.find(t, step).orElseThrow();
            if (!oldId.equals(doc.body().path("_connectionId").asText())) continue;
            List<String> others = otherFlows(tx, step, flowId);
            String note =
                others.isEmpty()
                    ? null
                    : "Connection replaced through flow "
                        + flowId
                        + "; also used by flows "
                        + others;
            tx.update(t, step, d -> d.put("_connectionId", newId), actor, note);
          }
          return resources.view(k.flows(), tx.find(k.flows(), flow.id()).orElseThrow());
        });
  }

  private static List<String> otherFlows(ResourceService.Tx tx, String stepId, String flowId) {
    Set<String> out = new LinkedHashSet<>();
    for (Referrer r : tx.referrers(stepId))
      if (r.type().equals(ResourceTypes.FLOWS) && !r.id().equals(flowId)) out.add(r.id());
    return List.copyOf(out);
  }

  /** What the flow uses and what uses it (see {@link Dependencies}). */
  public ObjectNode dependencies(String flowId) {
    return dependencies(k.flows(), flowId);
  }

  public ObjectNode dependencies(ResourceType t, String id) {
    return new Dependencies(resources, k).of(t, id);
  }

  /** What replacing one step's connection answers: the step, and the flows whose jobs must stop. */
  public record StepReplaced(ObjectNode step, List<String> flows) {}

  /**
   * Points one export or import at {@code _newConnectionId} (of the same type as its current
   * connection). Every flow using the step is named in the audit note when there are several.
   */
  public StepReplaced replaceStepConnection(ResourceType t, String id, JsonNode body, Actor actor) {
    if (!body.isObject() || !body.path("_newConnectionId").isTextual()) {
      throw Problem.invalid(
          "missing_required_field", "_newConnectionId is required", "_newConnectionId");
    }
    String newId = body.get("_newConnectionId").asText();
    return resources.inTransaction(
        tx -> {
          StoredDoc step = tx.find(t, id).orElseThrow(() -> Problem.notFound(t.label()));
          String oldId = step.body().path("_connectionId").asText(null);
          if (oldId == null)
            throw Problem.invalid(
                "invalid_field",
                t.label() + " " + id + " has no connection to replace",
                "_connectionId");
          StoredDoc newConn =
              tx.find(k.connections(), newId)
                  .orElseThrow(
                      () ->
                          Problem.invalid(
                              "invalid_ref",
                              "Connection not found for the given id " + newId,
                              "_newConnectionId"));
          String from =
              tx.find(k.connections(), oldId).map(c -> c.body().path("type").asText()).orElse(null);
          String to = newConn.body().path("type").asText();
          if (from != null && !from.equals(to)) {
            throw Problem.invalid(
                "invalid_field",
                "Connection " + newId + " is of type " + to + ", this step needs " + from,
                "_newConnectionId");
          }
          List<String> flows = otherFlows(tx, id, null);
          String note =
              flows.size() > 1 ? "Connection replaced; the step is used by flows " + flows : null;
          ObjectNode updated = tx.update(t, id, d -> d.put("_connectionId", newId), actor, note);
          return new StepReplaced(updated, flows);
        });
  }
}
