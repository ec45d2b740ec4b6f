package io.tributary.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.flowops.ConnectionMap;
import io.tributary.flowops.FlowLinks;
import io.tributary.flowops.IdRemap;
import io.tributary.flowops.Kinds;
import io.tributary.flowops.Manifest;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import io.tributary.web.Actor;
import java.util.HashMap;
import java.util.Map;

/**
 * Installs a template: every resource recreated with new ids and every reference rewritten, all in
 * one transaction. Mapped connections are used as they are; unmapped ones are created from the
 * template, without secrets and {@code offline: true}.
 */
final class TemplateInstaller {
  private final ResourceService resources;
  private final Kinds k;

  TemplateInstaller(ResourceService resources, Kinds kinds) {
    this.resources = resources;
    this.k = kinds;
  }

  ArrayNode install(Template t, JsonNode body, Actor actor) {
    return resources.inTransaction(
        tx -> {
          Map<String, String> ids = mappedConnections(t, body.get("connectionMap"), tx);
          String integrationId = body.path("_integrationId").asText(null);
          if (integrationId != null && tx.find(k.integrations(), integrationId).isEmpty()) {
            throw Problem.invalid(
                "invalid_ref", "Integration not found for the given id", "_integrationId");
          }
          Manifest manifest = new Manifest();
          for (Template.Resource c : t.of("Connection")) {
            if (ids.containsKey(c.id())) continue;
            ObjectNode doc = c.doc().deepCopy().put("offline", true);
            create(tx, k.connections(), c.id(), doc, ids, manifest, actor);
          }
          for (Template.Resource i : t.of("Integration")) {
            if (integrationId != null) {
              ids.put(
                  i.id(),
                  integrationId); // installed into an existing integration: its groupings do not
              // come along
              continue;
            }
            ObjectNode doc = i.doc().deepCopy();
            JsonNode oldGroups = doc.path("flowGroupings").deepCopy();
            doc.path("flowGroupings").forEach(g -> ((ObjectNode) g).remove("_id"));
            ObjectNode created = create(tx, k.integrations(), i.id(), doc, ids, manifest, actor);
            for (int g = 0; g < oldGroups.size(); g++) {
              ids.put(
                  oldGroups.get(g).path("_id").asText(),
                  created.at("/flowGroupings/" + g + "/_id").asText());
            }
          }
          for (String model : new String[] {"Script", "Export", "Import"}) {
            for (Template.Resource r : t.of(model))
              create(tx, k.of(path(model)), r.id(), r.doc().deepCopy(), ids, manifest, actor);
          }
          for (Template.Resource f : t.of("Flow")) {
            ObjectNode doc = FlowLinks.unlinked(f.doc());
            if (integrationId != null) doc.remove("_flowGroupingId");
            if (integrationId != null) doc.put("_integrationId", integrationId);
            create(tx, k.flows(), f.id(), doc, ids, manifest, actor);
          }
          for (Template.Resource f : t.of("Flow"))
            FlowLinks.link(tx, k.flows(), f.doc(), ids.get(f.id()), ids, actor);
          return manifest.entries;
        });
  }

  private ObjectNode create(
      ResourceService.Tx tx,
      ResourceType type,
      String oldId,
      ObjectNode doc,
      Map<String, String> ids,
      Manifest manifest,
      Actor actor) {
    IdRemap.apply(doc, ids);
    ObjectNode created = tx.create(type, doc, actor);
    ids.put(oldId, created.get("_id").asText());
    manifest.add(type, created);
    return created;
  }

  /**
   * The installer's connectionMap: template connection id to an existing connection of the same
   * type.
   */
  private Map<String, String> mappedConnections(Template t, JsonNode map, ResourceService.Tx tx) {
    Map<String, String> ids = new HashMap<>();
    if (map == null || map.isNull()) return ids;
    if (!map.isObject())
      throw ConnectionMap.bad("connectionMap must map template connection ids to connection ids");
    Map<String, Template.Resource> connections = new HashMap<>();
    t.of("Connection").forEach(c -> connections.put(c.id(), c));
    map.fields()
        .forEachRemaining(
            e -> {
              Template.Resource from = connections.get(e.getKey());
              if (from == null)
                throw ConnectionMap.bad("The template has no connection " + e.getKey());
              StoredDoc to =
                  tx.find(k.connections(), e.getValue().asText())
                      .orElseThrow(
                          () ->
                              ConnectionMap.bad(
                                  "Connection " + e.getValue().asText() + " does not exist"));
              String a = from.doc().path("type").asText();
              String b = to.body().path("type").asText();
              if (!a.equals(b))
                throw ConnectionMap.bad(
                    "Template connection "
                        + e.getKey()
                        + " is of type "
                        + a
                        + ", "
                        + to.id()
                        + " of type "
                        + b);
              ids.put(e.getKey(), to.id());
            });
    return ids;
  }

  private static String path(String model) {
    return switch (model) {
      case "Script" -> "scripts";
      case "Export" -> "exports";
      default -> "imports";
    };
  }
}
