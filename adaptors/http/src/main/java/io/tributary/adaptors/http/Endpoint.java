package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The request an export, lookup, import or ping describes, still as templates. Fields that
 * integrator.io sends as arrays for imports (one entry per request type) use their first entry.
 *
 * @param body a body template, or null when the request has none (or the import sends its records)
 * @param mediaType the request media type, or null for the connection's
 */
record Endpoint(
    String method, String relativeUri, String body, List<Header> headers, String mediaType) {

  static Endpoint of(JsonNode block, String defaultMethod) {
    String method = JsonValues.optionalText(block, "method");
    String relativeUri = JsonValues.optionalText(block, "relativeURI");
    JsonNode body = JsonValues.first(block.path("body"));
    return new Endpoint(
        method == null ? defaultMethod : method.toUpperCase(java.util.Locale.ROOT),
        relativeUri == null ? "" : relativeUri,
        body == null || body.isMissingNode() || body.isNull()
            ? null
            : (body.isTextual() ? body.asText() : body.toString()),
        Header.list(block.path("headers")),
        JsonValues.optionalText(block, "requestMediaType"));
  }

  /** The same request with other templates for the URI and body (paging overrides for pages 2+). */
  Endpoint with(String otherUri, String otherBody) {
    return new Endpoint(
        method,
        otherUri == null ? relativeUri : otherUri,
        otherBody == null ? body : otherBody,
        headers,
        mediaType);
  }
}
