package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An integration as the server holds it now: the integration, its flows, the exports and imports
 * they use, their connections, and every script any of these names; each keyed as its file would
 * be. A pull writes it; a push compares the directory with it.
 */
final class Snapshot implements Portable.Names {
  private final String integrationId;
  private final Map<Kind, Map<String, ObjectNode>> answers = new EnumMap<>(Kind.class);
  private final Map<Kind, Map<String, String>> keys = new EnumMap<>(Kind.class);
  private final Map<String, String> groupingKeys = new LinkedHashMap<>();
  private boolean groupingsByName = true;

  private Snapshot(String integrationId) {
    this.integrationId = integrationId;
    for (Kind k : Kind.values()) {
      answers.put(k, new LinkedHashMap<>());
      keys.put(k, new LinkedHashMap<>());
    }
  }

  /** Nothing on the server yet (a push creating the integration). */
  static Snapshot empty() {
    return new Snapshot(null);
  }

  static Snapshot fetch(Remote remote, String integrationId) {
    Snapshot s = new Snapshot(integrationId);
    ObjectNode integration = (ObjectNode) remote.get("/v1/integrations/" + integrationId);
    s.answers.get(Kind.INTEGRATION).put(integrationId, integration);
    for (Kind k : List.of(Kind.FLOW, Kind.EXPORT, Kind.IMPORT, Kind.CONNECTION)) {
      for (JsonNode item : remote.list("/v1/integrations/" + integrationId + "/" + k.path)) {
        s.answers.get(k).put(item.get("_id").asText(), (ObjectNode) item);
      }
    }
    // Scripts belong to no integration: the ones this integration's documents name come along.
    // Lists leave out a script's content, so each is read whole.
    TreeSet<String> scriptIds = new TreeSet<>();
    for (Kind k : Kind.RESOURCES) {
      for (ObjectNode doc : s.answers.get(k).values()) {
        References.rewrite(
            doc.deepCopy(),
            References.simple(
                (kind, value) -> {
                  if (kind == Kind.SCRIPT) scriptIds.add(value.asText());
                  return value;
                }));
      }
    }
    for (String id : scriptIds) {
      s.answers.get(Kind.SCRIPT).put(id, (ObjectNode) remote.get("/v1/scripts/" + id));
    }
    s.assignKeys();
    return s;
  }

  private void assignKeys() {
    for (Kind k : Kind.RESOURCES) {
      List<FileNames.Named> named = new ArrayList<>();
      answers
          .get(k)
          .forEach((id, doc) -> named.add(new FileNames.Named(id, doc.path("name").asText(""))));
      keys.put(k, FileNames.keys(named));
    }
    ObjectNode integration = integration();
    if (integration != null) {
      groupingsByName = Portable.uniqueGroupingNames(integration);
      for (JsonNode g : integration.path("flowGroupings"))
        groupingKeys.put(g.path("_id").asText(), g.path("name").asText());
    }
  }

  String integrationId() {
    return integrationId;
  }

  ObjectNode integration() {
    return integrationId == null ? null : answers.get(Kind.INTEGRATION).get(integrationId);
  }

  /** The integration's key: its name, made safe (it is always {@code integration.json}). */
  String integrationKey() {
    return integration() == null ? null : FileNames.safe(integration().path("name").asText(""));
  }

  @Override
  public String keyOf(Kind kind, String id) {
    if (kind == Kind.FLOW_GROUPING) return groupingsByName ? groupingKeys.get(id) : null;
    return keys.get(kind).get(id);
  }

  @Override
  public boolean groupingsByName() {
    return groupingsByName;
  }

  /** The server's answer for the resource filed under {@code key}, or null. */
  ObjectNode answer(Kind kind, String key) {
    for (var e : keys.get(kind).entrySet())
      if (e.getValue().equals(key)) return answers.get(kind).get(e.getKey());
    return null;
  }

  /** The file forms, by kind and key (sorted). */
  Map<Kind, Map<String, ObjectNode>> files() {
    Map<Kind, Map<String, ObjectNode>> out = new EnumMap<>(Kind.class);
    for (Kind k : Kind.RESOURCES) {
      Map<String, ObjectNode> byKey = new TreeMap<>();
      answers
          .get(k)
          .forEach((id, doc) -> byKey.put(keys.get(k).get(id), Portable.toFile(k, doc, this)));
      out.put(k, byKey);
    }
    return out;
  }

  /** The id of the resource filed under {@code key}, or null. */
  String idOf(Kind kind, String key) {
    for (var e : keys.get(kind).entrySet()) if (e.getValue().equals(key)) return e.getKey();
    return null;
  }

  /** The grouping ids of the integration by name. */
  Map<String, String> groupingIds() {
    Map<String, String> out = new LinkedHashMap<>();
    groupingKeys.forEach((id, name) -> out.put(name, id));
    return out;
  }
}
