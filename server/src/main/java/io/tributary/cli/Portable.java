package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource's file form: what a person configures and nothing else. No server-owned field ({@code
 * _id}, times, state such as a connection's {@code offline}), no secret (the server masks them as
 * {@code "******"}; the field is left out), and references by name.
 */
final class Portable {
  static final String MASK = "******";

  private Portable() {}

  /** The file form of a server answer; {@code names} maps ids to keys (null: keep the id). */
  static ObjectNode toFile(Kind kind, ObjectNode answer, Names names) {
    ObjectNode doc = answer.deepCopy();
    doc.remove(Kind.SERVER_OWNED);
    doc.remove(kind.serverState);
    dropMasked(doc);
    if (kind == Kind.INTEGRATION && names.groupingsByName()) {
      for (JsonNode g : doc.path("flowGroupings")) if (g instanceof ObjectNode o) o.remove("_id");
    }
    References.rewrite(
        doc,
        References.simple(
            (expected, value) -> {
              String key = names.keyOf(expected, value.asText());
              return key == null ? value : References.named(expected, key);
            }));
    return doc;
  }

  /** Ids → keys, as a pull (or a push comparing with the server) sees them. */
  interface Names {
    String keyOf(Kind kind, String id);

    /** Whether groupings are named by name (their names are unique); else they keep ids. */
    boolean groupingsByName();
  }

  /** Removes every field whose value is the mask: a file never holds a secret. */
  static void dropMasked(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> masked = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getValue().isTextual() && MASK.equals(e.getValue().asText())) masked.add(e.getKey());
        else dropMasked(e.getValue());
      }
      o.remove(masked);
    } else if (node instanceof ArrayNode a) {
      for (JsonNode item : a) dropMasked(item);
    }
  }

  /**
   * Puts back, into a body about to replace {@code current}, what a file leaves out but a PUT (a
   * full replacement) must keep: masked secrets where the file has none (the server keeps the
   * stored value for {@code "******"}) and the state fields the server owns.
   */
  static void keepServerOwned(Kind kind, ObjectNode body, ObjectNode current) {
    for (String f : kind.serverState) if (current.has(f)) body.set(f, current.get(f).deepCopy());
    restoreMasks(body, current);
  }

  private static void restoreMasks(JsonNode body, JsonNode current) {
    if (body instanceof ObjectNode b && current instanceof ObjectNode c) {
      for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode mine = b.get(e.getKey());
        if (e.getValue().isTextual() && MASK.equals(e.getValue().asText())) {
          if (mine == null) b.set(e.getKey(), new TextNode(MASK));
        } else if (mine != null) {
          restoreMasks(mine, e.getValue());
        }
      }
    } else if (body instanceof ArrayNode b && current instanceof ArrayNode c) {
      for (int i = 0; i < Math.min(b.size(), c.size()); i++) restoreMasks(b.get(i), c.get(i));
    }
  }

  /** Whether the names of an integration's flow groupings are unique (so they can name them). */
  static boolean uniqueGroupingNames(ObjectNode integration) {
    Set<String> seen = new HashSet<>();
    for (JsonNode g : integration.path("flowGroupings"))
      if (!seen.add(g.path("name").asText())) return false;
    return true;
  }
}
