package io.tributary.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tributary.secrets.SecretRule;
import io.tributary.secrets.Secrets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The leaf-level differences between two documents, secrets masked. */
final class FieldDiff {
  record Change(String fieldPath, JsonNode oldValue, JsonNode newValue) {}

  private FieldDiff() {}

  static List<Change> between(JsonNode before, JsonNode after, SecretRule secrets) {
    List<Change> out = new ArrayList<>();
    diff(orNull(before), orNull(after), new ArrayList<>(), secrets, out);
    return out;
  }

  private static void diff(
      JsonNode a, JsonNode b, List<String> path, SecretRule secrets, List<Change> out) {
    if (a.equals(b)) return;
    if (!path.isEmpty() && secrets.isSecret(path) && !a.isContainerNode() && !b.isContainerNode()) {
      out.add(new Change(render(path), mask(a), mask(b)));
      return;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) descend(a.get(k), b.get(k), path, k, secrets, out);
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++)
        descend(a.get(i), b.get(i), path, String.valueOf(i), secrets, out);
    } else if (a.isContainerNode() || b.isContainerNode()) {
      // A field changed shape (or appeared, or went away): record it at the leaves of each side.
      if (a.isContainerNode()) leaves(a, path, secrets, out, true);
      else if (!a.isNull()) out.add(new Change(render(path), a, NullNode.instance));
      if (b.isContainerNode()) leaves(b, path, secrets, out, false);
      else if (!b.isNull()) out.add(new Change(render(path), NullNode.instance, b));
    } else {
      out.add(new Change(render(path), a, b));
    }
  }

  private static void descend(
      JsonNode a, JsonNode b, List<String> path, String key, SecretRule s, List<Change> out) {
    path.add(key);
    diff(orNull(a), orNull(b), path, s, out);
    path.remove(path.size() - 1);
  }

  private static void leaves(
      JsonNode n, List<String> path, SecretRule s, List<Change> out, boolean removed) {
    if (n.isContainerNode() && n.size() > 0) {
      Iterator<String> names = n.isObject() ? n.fieldNames() : null;
      for (int i = 0; i < n.size(); i++) {
        String key = names != null ? names.next() : String.valueOf(i);
        path.add(key);
        leaves(n.isObject() ? n.get(key) : n.get(i), path, s, out, removed);
        path.remove(path.size() - 1);
      }
      return;
    }
    JsonNode v = s.isSecret(path) ? mask(n) : n;
    out.add(
        removed
            ? new Change(render(path), v, NullNode.instance)
            : new Change(render(path), NullNode.instance, v));
  }

  private static JsonNode mask(JsonNode n) {
    return n.isNull() ? n : com.fasterxml.jackson.databind.node.TextNode.valueOf(Secrets.MASK);
  }

  private static JsonNode orNull(JsonNode n) {
    return n == null || n.isMissingNode() ? NullNode.instance : n;
  }

  /** {@code pageProcessors[0].responseMapping.fields} */
  private static String render(List<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String p : path) {
      if (p.chars().allMatch(Character::isDigit) && !sb.isEmpty())
        sb.append('[').append(p).append(']');
      else sb.append(sb.isEmpty() ? "" : ".").append(p);
    }
    return sb.toString();
  }
}
