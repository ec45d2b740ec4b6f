package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;

/**
 * integrator.io's older {@code rest} blocks, rewritten into the {@code http} shape so that one
 * reader serves both. Only the fields with a clear {@code http} counterpart are carried over.
 */
final class LegacyRest {
  private LegacyRest() {}

  /** A connection's {@code rest} block as an {@code http} block. */
  static ObjectNode connection(JsonNode rest) {
    ObjectNode http = Json.object();
    copy(rest, "baseURI", http, "baseURI");
    copy(rest, "headers", http, "headers");
    copy(rest, "mediaType", http, "mediaType");
    copy(rest, "retryHeader", http, "retryHeader");
    ObjectNode auth = http.putObject("auth");
    String authType = rest.path("authType").asText("");
    switch (authType) {
      case "basic" -> {
        auth.put("type", "basic");
        ObjectNode basic = auth.putObject("basic");
        copy(rest.path("basicAuth"), "username", basic, "username");
        copy(rest.path("basicAuth"), "password", basic, "password");
      }
      case "token", "bearer" -> {
        auth.put("type", "token");
        ObjectNode token = auth.putObject("token");
        copy(rest, "bearerToken", token, "token");
        token.put(
            "location",
            rest.path("tokenLocation").asText("header").equals("url") ? "url" : "header");
        copy(rest, "tokenParam", token, "paramName");
        copy(rest, "authHeader", token, "headerName");
        copy(rest, "authScheme", token, "scheme");
      }
      default -> auth.put("type", authType.isEmpty() ? "custom" : authType);
    }
    if (rest.has("pingRelativeURI")) {
      ObjectNode ping = http.putObject("ping");
      copy(rest, "pingRelativeURI", ping, "relativeURI");
      copy(rest, "pingMethod", ping, "method");
      copy(rest, "pingBody", ping, "body");
      copy(rest, "pingSuccessPath", ping, "successPath");
      copy(rest, "pingSuccessValues", ping, "successValues");
      copy(rest, "pingFailurePath", ping, "failPath");
      copy(rest, "pingFailureValues", ping, "failValues");
    }
    return http;
  }

  /**
   * An export's or import's {@code rest} block as an {@code http} block: the request fields keep
   * their names; the response fields that sat at the top level move under {@code response}.
   */
  static ObjectNode resource(JsonNode rest) {
    ObjectNode http = ((ObjectNode) rest).deepCopy();
    ObjectNode response =
        http.has("response") && http.get("response").isObject()
            ? (ObjectNode) http.get("response")
            : http.putObject("response");
    for (String f :
        new String[] {"resourcePath", "resourceIdPath", "successPath", "successValues"}) {
      if (http.has(f) && !response.has(f)) response.set(f, http.remove(f));
    }
    if (!http.has("body") && http.has("postBody")) http.set("body", http.get("postBody"));
    return http;
  }

  private static void copy(JsonNode from, String field, ObjectNode to, String as) {
    if (from.has(field) && !from.get(field).isNull()) to.set(as, from.get(field));
  }
}
