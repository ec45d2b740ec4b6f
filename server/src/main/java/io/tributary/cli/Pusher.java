package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.cli.References.Name;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the server match a directory: what is new is created, what differs is replaced (a PUT of
 * the whole resource), what is equal is not touched, so a push right after a pull writes nothing
 * (no audit entry, no {@code lastModified} change). Resources on the server that the directory no
 * longer holds are listed, not deleted.
 */
final class Pusher {
  private final Remote remote;
  private final PrintWriter out;
  private final Snapshot server;
  private final Map<Kind, Map<String, ObjectNode>> files;
  private final Map<Kind, Map<String, String>> ids = new EnumMap<>(Kind.class);
  private final Map<String, String> groupingIds = new LinkedHashMap<>();
  private final Set<String> integrationKeys = new LinkedHashSet<>();
  private String integrationId;

  /** What waits for a second pass: created without (or not yet updated for) a forward reference. */
  private final List<Kind.Key> later = new ArrayList<>();

  record Result(int created, int updated, int unchanged, List<String> leftAlone) {}

  private int created;
  private int updated;
  private int unchanged;

  Pusher(
      Remote remote, PrintWriter out, Snapshot server, Map<Kind, Map<String, ObjectNode>> files) {
    this.remote = remote;
    this.out = out;
    this.server = server;
    this.files = files;
    for (Kind k : Kind.RESOURCES) {
      Map<String, String> known = new LinkedHashMap<>();
      for (String key : files.get(k).keySet()) {
        String id = server.idOf(k, key);
        if (id != null) known.put(key, id);
      }
      ids.put(k, known);
    }
    integrationId = server.integrationId();
    groupingIds.putAll(server.groupingIds());
    integrationKeys.addAll(files.get(Kind.INTEGRATION).keySet());
    if (server.integrationKey() != null) integrationKeys.add(server.integrationKey());
  }

  Result push() {
    Map<Kind, Map<String, ObjectNode>> current = server.files();
    for (Kind k : Kind.RESOURCES) {
      for (var e : files.get(k).entrySet()) {
        String key = k == Kind.INTEGRATION ? server.integrationKey() : e.getKey();
        ObjectNode now = key == null ? null : current.get(k).get(key);
        if (e.getValue().equals(now)) {
          unchanged++;
          continue;
        }
        write(k, e.getKey(), e.getValue(), now == null, false);
      }
    }
    for (Kind.Key pending : List.copyOf(later)) {
      write(
          pending.kind(), pending.key(), files.get(pending.kind()).get(pending.key()), false, true);
    }
    List<String> leftAlone = new ArrayList<>();
    current.forEach(
        (k, byKey) -> {
          if (k == Kind.INTEGRATION) return;
          for (String key : byKey.keySet())
            if (!files.get(k).containsKey(key)) leftAlone.add(k.path + "/" + key + ".json");
        });
    return new Result(created, updated, unchanged, leftAlone);
  }

  private void write(Kind k, String key, ObjectNode file, boolean create, boolean lastPass) {
    Set<String> deferred = new LinkedHashSet<>();
    ObjectNode body = toServer(k, key, file, deferred, lastPass);
    String label =
        (k == Kind.INTEGRATION ? Directory.INTEGRATION_FILE : k.path + "/" + key + ".json");
    if (create) {
      deferred.forEach(body::remove);
      ObjectNode answer = (ObjectNode) remote.post("/v1/" + k.path, body);
      String id = answer.get("_id").asText();
      if (k == Kind.INTEGRATION) {
        integrationId = id;
        noteGroupings(answer);
      } else {
        ids.get(k).put(key, id);
      }
      created++;
      out.println("created  " + label);
      if (!deferred.isEmpty()) later.add(new Kind.Key(k, key));
      return;
    }
    if (!deferred.isEmpty()) {
      later.add(new Kind.Key(k, key)); // its forward references exist after the first pass
      return;
    }
    String id = k == Kind.INTEGRATION ? integrationId : ids.get(k).get(key);
    ObjectNode currentAnswer = (ObjectNode) remote.get("/v1/" + k.path + "/" + id);
    Portable.keepServerOwned(k, body, currentAnswer);
    ObjectNode answer = (ObjectNode) remote.put("/v1/" + k.path + "/" + id, body);
    if (k == Kind.INTEGRATION) noteGroupings(answer);
    if (!lastPass || !wasCreatedThisPush(k, key)) {
      updated++;
      out.println("updated  " + label);
    }
  }

  private boolean wasCreatedThisPush(Kind k, String key) {
    return server.idOf(k, key) == null
        && !(k == Kind.INTEGRATION && server.integrationId() != null);
  }

  private void noteGroupings(ObjectNode integration) {
    groupingIds.clear();
    for (JsonNode g : integration.path("flowGroupings"))
      groupingIds.put(g.path("name").asText(), g.path("_id").asText());
  }

  /**
   * The file with names turned into ids; names of what does not exist yet go to {@code deferred}.
   */
  private ObjectNode toServer(
      Kind k, String key, ObjectNode file, Set<String> deferred, boolean lastPass) {
    ObjectNode body = file.deepCopy();
    if (k == Kind.INTEGRATION) {
      for (JsonNode g : body.path("flowGroupings")) {
        if (g instanceof ObjectNode o
            && !o.has("_id")
            && groupingIds.containsKey(o.path("name").asText()))
          o.put("_id", groupingIds.get(o.path("name").asText()));
      }
    }
    String where =
        k == Kind.INTEGRATION ? Directory.INTEGRATION_FILE : k.path + "/" + key + ".json";
    References.rewrite(
        body,
        (expected, value, top) -> {
          Name name = References.parse(value.asText());
          if (name == null) return value; // an id: sent as it is
          if (name.kind() != expected) {
            throw new CliFailure(
                ExitCodes.USAGE,
                where
                    + ": "
                    + value.asText()
                    + " names a "
                    + name.kind().prefix
                    + " where a "
                    + expected.prefix
                    + " is expected");
          }
          String id = idOf(name);
          if (id != null) return new TextNode(id);
          if (!lastPass
              && files.containsKey(name.kind())
              && files.get(name.kind()).containsKey(name.key())) {
            deferred.add(top);
            return value;
          }
          throw new CliFailure(
              ExitCodes.USAGE,
              where
                  + ": "
                  + value.asText()
                  + " names nothing in this directory"
                  + (name.kind().path == null
                      ? ""
                      : " (no " + name.kind().path + "/" + name.key() + ".json)"));
        });
    return body;
  }

  private String idOf(Name name) {
    return switch (name.kind()) {
      case INTEGRATION -> integrationKeys.contains(name.key()) ? integrationId : null;
      case FLOW_GROUPING -> groupingIds.get(name.key());
      default -> ids.get(name.kind()).get(name.key());
    };
  }
}
