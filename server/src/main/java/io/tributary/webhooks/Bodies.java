package io.tributary.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.JsonPaths;
import io.tributary.core.Problem;
import io.tributary.web.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a listener's request (D24): a JSON object is one record, an array many,
 * {@code pathToRecords} points at the array (or object) inside; a form body is one record of its
 * fields (a repeated field becomes an array). What cannot be read is a 400.
 */
final class Bodies {
  private Bodies() {}

  /** The body as JSON: the document itself, or the form's fields as an object. */
  static JsonNode parse(Delivery d) {
    if (d.isForm()) return form(new String(d.body(), StandardCharsets.UTF_8));
    return Json.parse(new String(d.body(), StandardCharsets.UTF_8));
  }

  static List<ObjectNode> records(JsonNode body, String pathToRecords) {
    JsonNode at = body;
    if (pathToRecords != null) {
      at = JsonPaths.get(body, pathToRecords);
      if (at.isMissingNode() || at.isNull())
        throw Problem.badRequest(
            "invalid_records", "The body has nothing at pathToRecords (" + pathToRecords + ").");
    }
    List<ObjectNode> out = new ArrayList<>();
    if (at instanceof ObjectNode o) {
      out.add(o);
    } else if (at instanceof ArrayNode a) {
      for (JsonNode e : a) {
        if (!(e instanceof ObjectNode o))
          throw Problem.badRequest(
              "invalid_records", "Every record must be a JSON object; one is " + e.getNodeType());
        out.add(o);
      }
    } else {
      throw Problem.badRequest(
          "invalid_records", "The records must be a JSON object or an array of objects.");
    }
    return out;
  }

  private static ObjectNode form(String text) {
    ObjectNode out = Json.object();
    if (text.isEmpty()) return out;
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      JsonNode existing = out.get(name);
      if (existing == null) out.put(name, value);
      else if (existing instanceof ArrayNode a) a.add(value);
      else out.putArray(name).add(existing).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid_body", "The form body is not well encoded.");
    }
  }
}
