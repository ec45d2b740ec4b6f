package io.tributary.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.web.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One documented operation, written into the document as it is built. Path parameters are taken
 * from the route template itself, so their names cannot drift from the routes; every operation
 * answers the error envelope for 4xx/5xx.
 */
final class Operation {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
  private final ObjectNode op;

  Operation(ObjectNode op, String method, String path, String tag, String summary) {
    this.op = op;
    op.putArray("tags").add(tag);
    op.put("summary", summary);
    op.put("operationId", operationId(method, path));
    Matcher m = PATH_PARAM.matcher(path);
    while (m.find()) {
      param("path", m.group(1), "string", true, null);
    }
    op.putObject("responses").set("default", ref("#/components/responses/Error"));
  }

  /** {@code GET /v1/flows/{id}} becomes {@code get_v1_flows_id}: unique because routes are. */
  private static String operationId(String method, String path) {
    return (method + path).replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", "");
  }

  Operation query(String name, String type, String description) {
    param("query", name, type, false, description);
    return this;
  }

  Operation header(String name, String description) {
    param("header", name, "string", false, description);
    return this;
  }

  private void param(String in, String name, String type, boolean required, String description) {
    ArrayNode params =
        op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
    ObjectNode p = params.addObject().put("name", name).put("in", in).put("required", required);
    if (description != null) p.put("description", description);
    p.putObject("schema").put("type", type);
  }

  /** A JSON request body of the named schema. */
  Operation body(String schema, boolean required) {
    return body("application/json", schema, required);
  }

  Operation body(String mediaType, String schema, boolean required) {
    ObjectNode b = op.putObject("requestBody").put("required", required);
    b.putObject("content")
        .putObject(mediaType)
        .set("schema", ref("#/components/schemas/" + schema));
    return this;
  }

  /** A JSON answer of the named schema ({@code null}: no body). */
  Operation answers(int status, String description, String schema) {
    ObjectNode r =
        ((ObjectNode) op.get("responses"))
            .putObject(String.valueOf(status))
            .put("description", description);
    if (schema != null)
      r.putObject("content")
          .putObject("application/json")
          .set("schema", ref("#/components/schemas/" + schema));
    return this;
  }

  /** A JSON answer that is a list of the named schema. */
  Operation answersList(int status, String description, String schema) {
    ObjectNode r =
        ((ObjectNode) op.get("responses"))
            .putObject(String.valueOf(status))
            .put("description", description);
    ObjectNode s =
        r.putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("type", "array");
    s.set("items", ref("#/components/schemas/" + schema));
    return this;
  }

  /** A non-JSON answer (text, HTML, files). */
  Operation answersMedia(int status, String description, String mediaType) {
    ObjectNode r =
        ((ObjectNode) op.get("responses"))
            .putObject(String.valueOf(status))
            .put("description", description);
    r.putObject("content").putObject(mediaType).putObject("schema").put("type", "string");
    return this;
  }

  /** Needs no token. */
  Operation open() {
    op.putArray("security");
    return this;
  }

  Operation describe(String text) {
    op.put("description", text);
    return this;
  }

  private static ObjectNode ref(String to) {
    return Json.object().put("$ref", to);
  }
}
