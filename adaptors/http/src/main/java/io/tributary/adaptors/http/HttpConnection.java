package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import java.util.List;

/**
 * The parts of a connection document the adaptor uses, read once per call from its {@code http}
 * block (or a legacy {@code rest} block rewritten into that shape).
 *
 * @param retryHeader the response header that says how long to wait after a rate-limit answer
 */
record HttpConnection(
    String baseUri,
    List<Header> headers,
    ConnectionAuth auth,
    JsonNode ping,
    RateLimit rateLimit,
    String retryHeader,
    String mediaType) {

  /**
   * When an answer means "slow down": {@code failStatusCode} (default 429) and, when set, a body
   * value.
   */
  record RateLimit(int failStatusCode, String failPath, List<String> failValues) {
    static RateLimit from(JsonNode r) {
      return new RateLimit(
          r.path("failStatusCode").asInt(429),
          JsonValues.optionalText(r, "failPath"),
          JsonValues.strings(r.path("failValues")));
    }
  }

  static HttpConnection from(ObjectNode connection) {
    JsonNode http;
    if (connection.path("http").isObject()) http = connection.get("http");
    else if (connection.path("rest").isObject())
      http = LegacyRest.connection(connection.get("rest"));
    else
      throw new AdaptorException(
          AdaptorException.Kind.FATAL, "invalid_connection", "The connection has no http block.");
    String baseUri = http.path("baseURI").asText("");
    return new HttpConnection(
        baseUri,
        Header.list(http.path("headers")),
        ConnectionAuth.from(http.path("auth")),
        http.path("ping"),
        RateLimit.from(http.path("rateLimit")),
        http.path("retryHeader").asText("Retry-After"),
        http.path("mediaType").asText("json"));
  }
}
