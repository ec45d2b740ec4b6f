package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;

/**
 * The {@code http} block of an export or import (or its legacy {@code rest} block in that shape),
 * read once per call: the request it describes and what its {@code response} settings say.
 *
 * @param node the block itself, for the settings only one kind of step reads (paging, batchSize)
 * @param resourcePath where the records are in an answer, or null for the whole body
 * @param resourceIdPath where an import's answer has the new record's id, or null
 */
record HttpBlock(
    JsonNode node,
    Endpoint endpoint,
    ResponseCheck check,
    String resourcePath,
    String resourceIdPath) {

  static HttpBlock of(ObjectNode resource, String defaultMethod) {
    JsonNode block;
    if (resource.path("http").isObject()) block = resource.get("http");
    else if (resource.path("rest").isObject()) block = LegacyRest.resource(resource.get("rest"));
    else {
      String kind =
          resource.path("adaptorType").asText("").endsWith("Import") ? "import" : "export";
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_resource", "The " + kind + " has no http block.");
    }
    JsonNode response = block.path("response");
    return new HttpBlock(
        block,
        Endpoint.of(block, defaultMethod),
        ResponseCheck.from(response),
        JsonValues.optionalText(response, "resourcePath"),
        JsonValues.optionalText(response, "resourceIdPath"));
  }
}
