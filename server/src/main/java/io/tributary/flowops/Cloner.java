package io.tributary.flowops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clones flows (with new copies of their exports, imports and scripts), single exports and imports,
 * and whole integrations, all-or-nothing in one transaction.
 */
public final class Cloner {
  private final ResourceService resources;
  private final Kinds k;

  public Cloner(ResourceService resources, Kinds kinds) {
    this.resources = resources;
    this.k = kinds;
  }

  public ArrayNode cloneFlow(String flowId, JsonNode body, Actor actor) {
    JsonNode b = object(body);
    if (!b.path("_integrationId").isTextual()) {
      throw Problem.invalid(
          "missing_required_field", "_integrationId is required", "_integrationId");
    }
    return resources.inTransaction(
        tx -> {
          StoredDoc flow = tx.find(k.flows(), flowId).orElseThrow(() -> Problem.notFound("Flow"));
          String integrationId = b.get("_integrationId").asText();
          if (tx.find(k.integrations(), integrationId).isEmpty()) {
            throw Problem.invalid(
                "invalid_ref", "Integration not found for the given id", "_integrationId");
          }
          FlowParts parts = FlowParts.of(tx, flowId);
          Map<String, String> ids =
              new HashMap<>(
                  ConnectionMap.check(
                      b.get("connectionMap"), parts.connections(), tx, k.connections()));
          Manifest manifest = new Manifest();
          List<String[]> created = new ArrayList<>();
          String name = b.path("name").asText("Clone - " + flow.body().path("name").asText(""));
          created.add(
              new String[] {
                flowId,
                copyFlow(
                    tx,
                    flow,
                    parts,
                    ids,
                    integrationId,
                    b.path("_flowGroupingId").asText(null),
                    name,
                    manifest,
                    actor)
              });
          linkFlows(tx, created, ids, actor);
          return manifest.entries;
        });
  }

  /** Copies the flow's scripts, steps and the flow itself; answers the new flow's id. */
  private String copyFlow(
      ResourceService.Tx tx,
      StoredDoc flow,
      FlowParts parts,
      Map<String, String> ids,
      String integrationId,
      String groupingId,
      String name,
      Manifest manifest,
      Actor actor) {
    for (String script : parts.scripts()) copy(tx, k.scripts(), script, ids, manifest, actor);
    for (String export : parts.exports()) copy(tx, k.exports(), export, ids, manifest, actor);
    for (String imp : parts.imports()) copy(tx, k.imports(), imp, ids, manifest, actor);
    ObjectNode doc = FlowLinks.unlinked(flow.body());
    doc.remove("_flowGroupingId");
    IdRemap.apply(doc, ids);
    doc.put("name", name);
    doc.put("_integrationId", integrationId);
    if (groupingId != null) doc.put("_flowGroupingId", groupingId);
    ObjectNode created = tx.create(k.flows(), doc, actor);
    manifest.add(k.flows(), created);
    ids.put(flow.id(), created.get("_id").asText());
    return created.get("_id").asText();
  }

  private void copy(
      ResourceService.Tx tx,
      ResourceType t,
      String id,
      Map<String, String> ids,
      Manifest manifest,
      Actor actor) {
    if (ids.containsKey(id)) return;
    ObjectNode doc =
        tx.find(t, id).orElseThrow(() -> Problem.notFound(t.label())).body().deepCopy();
    IdRemap.apply(doc, ids);
    ObjectNode created = tx.create(t, doc, actor);
    manifest.add(t, created);
    ids.put(id, created.get("_id").asText());
  }

  private void linkFlows(
      ResourceService.Tx tx, List<String[]> flows, Map<String, String> ids, Actor actor) {
    for (String[] pair : flows)
      FlowLinks.link(
          tx, k.flows(), tx.find(k.flows(), pair[0]).orElseThrow().body(), pair[1], ids, actor);
  }

  /**
   * {@code POST /v1/exports|imports/:id/clone}: a copy, on {@code _connectionId} or a mapped
   * connection.
   */
  public ObjectNode cloneStep(ResourceType t, String id, JsonNode body, Actor actor) {
    JsonNode b = object(body);
    return resources.inTransaction(
        tx -> {
          StoredDoc original = tx.find(t, id).orElseThrow(() -> Problem.notFound(t.label()));
          ObjectNode doc = original.body().deepCopy();
          String connection = doc.path("_connectionId").asText(null);
          if (b.path("_connectionId").isTextual()) {
            doc.put("_connectionId", b.get("_connectionId").asText());
          } else if (b.has("connectionMap") && connection != null) {
            Map<String, String> map =
                ConnectionMap.check(
                    b.get("connectionMap"), Set.of(connection), tx, k.connections());
            doc.put("_connectionId", map.get(connection));
          }
          doc.put("name", b.path("name").asText("Clone - " + doc.path("name").asText("")));
          return tx.create(t, doc, actor);
        });
  }

  /**
   * {@code POST /v1/integrations/:id/clone}: the integration, its groupings and every flow with its
   * steps.
   */
  public ArrayNode cloneIntegration(String id, JsonNode body, Actor actor) {
    JsonNode b = object(body);
    List<String> flowIds = new ArrayList<>();
    resources
        .list(k.flows(), "integration_id = :iid", Map.of("iid", id), null, 100_000, "_id", null)
        .items()
        .forEach(f -> flowIds.add(f.get("_id").asText()));
    return resources.inTransaction(
        tx -> {
          StoredDoc integration =
              tx.find(k.integrations(), id).orElseThrow(() -> Problem.notFound("Integration"));
          Map<String, FlowParts> parts = new HashMap<>();
          Set<String> used = new LinkedHashSet<>();
          for (String f : flowIds) {
            parts.put(f, FlowParts.of(tx, f));
            used.addAll(parts.get(f).connections());
          }
          integration.body().path("_registeredConnectionIds").forEach(n -> used.add(n.asText()));
          Map<String, String> ids =
              new HashMap<>(ConnectionMap.check(b.get("connectionMap"), used, tx, k.connections()));
          Manifest manifest = new Manifest();
          ObjectNode doc = integration.body().deepCopy();
          doc.path("flowGroupings").forEach(g -> ((ObjectNode) g).remove("_id"));
          IdRemap.apply(doc, ids);
          doc.put("name", b.path("name").asText("Clone - " + doc.path("name").asText("")));
          ObjectNode created = tx.create(k.integrations(), doc, actor);
          manifest.add(k.integrations(), created);
          JsonNode oldGroups = integration.body().path("flowGroupings");
          JsonNode newGroups = created.path("flowGroupings");
          for (int i = 0; i < oldGroups.size(); i++)
            ids.put(oldGroups.get(i).path("_id").asText(), newGroups.get(i).path("_id").asText());
          List<String[]> copies = new ArrayList<>();
          for (String f : flowIds) {
            StoredDoc flow = tx.find(k.flows(), f).orElseThrow();
            String grouping = flow.body().path("_flowGroupingId").asText(null);
            copies.add(
                new String[] {
                  f,
                  copyFlow(
                      tx,
                      flow,
                      parts.get(f),
                      ids,
                      created.get("_id").asText(),
                      grouping == null ? null : ids.get(grouping),
                      flow.body().path("name").asText(""),
                      manifest,
                      actor)
                });
          }
          linkFlows(tx, copies, ids, actor);
          return manifest.entries;
        });
  }

  private static JsonNode object(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) return Json.object();
    if (!body.isObject())
      throw Problem.invalid("invalid_field", "The body must be a JSON object.", null);
    return body;
  }
}
