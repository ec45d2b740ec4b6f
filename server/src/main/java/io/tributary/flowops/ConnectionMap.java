package io.tributary.flowops;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Problem;
import io.tributary.resources.ResourceService;
import io.tributary.resources.ResourceType;
import io.tributary.resources.StoredDoc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A clone's {@code connectionMap}: every connection used must be mapped (to itself to keep it), to
 * an existing connection of the same type, and nothing else may be mapped. Otherwise 400 {@code
 * invalid_connectionMap} and nothing is created.
 */
public final class ConnectionMap {
  private ConnectionMap() {}

  public static Map<String, String> check(
      JsonNode map, Set<String> used, ResourceService.Tx tx, ResourceType connections) {
    if (map == null || !map.isObject()) {
      throw bad(
          "connectionMap is required: map every connection the flow uses "
              + used
              + " to a connection id.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(out.keySet());
    if (!missing.isEmpty()) throw bad("connectionMap does not map the connections " + missing);
    Set<String> extra = new TreeSet<>(out.keySet());
    extra.removeAll(used);
    if (!extra.isEmpty())
      throw bad("connectionMap maps connections the flow does not use: " + extra);
    for (var e : out.entrySet()) {
      StoredDoc from =
          tx.find(connections, e.getKey())
              .orElseThrow(() -> bad("Connection " + e.getKey() + " does not exist"));
      StoredDoc to =
          tx.find(connections, e.getValue())
              .orElseThrow(() -> bad("Connection " + e.getValue() + " does not exist"));
      String a = from.body().path("type").asText();
      String b = to.body().path("type").asText();
      if (!a.equals(b))
        throw bad(
            "Connection "
                + e.getKey()
                + " is of type "
                + a
                + " but "
                + e.getValue()
                + " is of type "
                + b);
    }
    return out;
  }

  public static Problem bad(String message) {
    return new Problem.Malformed("invalid_connectionMap", message, "connectionMap");
  }
}
