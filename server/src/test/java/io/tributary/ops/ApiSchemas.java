package io.tributary.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tributary.web.Json;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates answers against the schemas an OpenAPI 3.1 document gives them (JSON Schema 2020-12).
 */
final class ApiSchemas {
  private final JsonNode doc;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  ApiSchemas(JsonNode doc) {
    this.doc = doc;
  }

  /**
   * The documented JSON schema of an answer: the status's own, else the default (the error
   * envelope).
   */
  JsonNode schemaOf(String method, String template, int status) {
    JsonNode op = doc.path("paths").path(template).path(method.toLowerCase());
    if (op.isMissingNode()) throw new AssertionError("not documented: " + method + " " + template);
    JsonNode response = op.path("responses").path(String.valueOf(status));
    if (response.isMissingNode()) response = op.path("responses").path("default");
    if (response.has("$ref")) response = pointer(response.get("$ref").asText());
    JsonNode schema = response.path("content").path("application/json").path("schema");
    if (schema.isMissingNode())
      throw new AssertionError(method + " " + template + " documents no JSON answer for " + status);
    return schema;
  }

  /** The problems of {@code body} as an answer of {@code status}; empty when it conforms. */
  Set<String> problems(String method, String template, int status, JsonNode body) {
    ObjectNode root = Json.object();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) schemaOf(method, template, status).deepCopy());
    root.set("$defs", doc.path("components").path("schemas"));
    // Components become $defs so the validator resolves every reference inside one schema.
    JsonNode schemaNode = Json.read(Json.write(root).replace("#/components/schemas/", "#/$defs/"));
    JsonSchema schema = factory.getSchema(schemaNode);
    return schema.validate(body).stream()
        .map(ValidationMessage::getMessage)
        .collect(Collectors.toSet());
  }

  /** Follows a local reference ({@code #/a/b}); fails when it leads nowhere. */
  JsonNode pointer(String ref) {
    if (!ref.startsWith("#/")) throw new AssertionError("not a local reference: " + ref);
    JsonNode target = doc.at(ref.substring(1));
    if (target.isMissingNode()) throw new AssertionError("dangling reference " + ref);
    return target;
  }
}
