package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A response read in full (within the size bound), with the request that got it. */
record HttpReply(int status, HttpHeaders headers, String body, HttpCall call) {
  boolean ok() {
    return status >= 200 && status < 300;
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /**
   * The headers as a template sees them ({@code previous_page.headers}): lower-case names, first
   * values.
   */
  ObjectNode headersNode() {
    ObjectNode out = Json.object();
    headers
        .map()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty())
                out.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
            });
    return out;
  }

  /** The body cut to {@code max} characters, for error messages. */
  String bodySnippet(int max) {
    String b = body.strip();
    return b.length() <= max ? b : b.substring(0, max) + "…";
  }
}
