package io.tributary.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code ?include=} / {@code ?exclude=} projection of list items (dot paths allowed). */
record Projection(List<String> include, List<String> exclude) {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._,]*");

  static Projection parse(String include, String exclude) {
    if (include != null && exclude != null) {
      throw Problem.badRequest(
          "invalid_query_params",
          "Please provide either include or exclude param in the request query and not both.");
    }
    return new Projection(paths(include, "include"), paths(exclude, "exclude"));
  }

  private static List<String> paths(String value, String name) {
    if (value == null) return null;
    if (!ALLOWED.matcher(value).matches()) {
      throw Problem.badRequest(
          "invalid_query_params",
          "The " + name + " parameter may hold only letters, digits, '.', '_' and ','.");
    }
    List<String> out = new ArrayList<>();
    for (String p : value.split(",")) if (!p.isBlank()) out.add(p);
    return out;
  }

  ObjectNode apply(ObjectNode item, List<String> summaryFields) {
    if (include != null) {
      ObjectNode out = Json.object();
      copy(item, out, "_id");
      copy(item, out, "name");
      summaryFields.forEach(f -> copy(item, out, f));
      include.forEach(f -> copy(item, out, f));
      return out;
    }
    if (exclude != null) {
      exclude.stream().filter(f -> !f.equals("_id")).forEach(f -> remove(item, f));
    }
    return item;
  }

  private static void copy(ObjectNode from, ObjectNode to, String dotted) {
    String[] parts = dotted.split("\\.");
    JsonNode src = from;
    ObjectNode dst = to;
    for (int i = 0; i < parts.length; i++) {
      src = src == null ? null : src.get(parts[i]);
      if (src == null) return;
      if (i == parts.length - 1) {
        dst.set(parts[i], src.deepCopy());
      } else {
        if (!src.isObject()) return;
        JsonNode next = dst.get(parts[i]);
        dst = next instanceof ObjectNode o ? o : dst.putObject(parts[i]);
      }
    }
  }

  private static void remove(ObjectNode item, String dotted) {
    String[] parts = dotted.split("\\.");
    JsonNode n = item;
    for (int i = 0; i < parts.length - 1 && n != null; i++) n = n.get(parts[i]);
    if (n instanceof ObjectNode o) o.remove(parts[parts.length - 1]);
  }
}
