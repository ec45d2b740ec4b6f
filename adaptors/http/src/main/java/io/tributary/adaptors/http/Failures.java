package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.json.Json;
import java.io.IOException;

/** How a failed answer becomes a whole-call exception or one record's error. */
final class Failures {
  private Failures() {}

  /** A status the call cannot go on with (a 4xx, or a 3xx left after redirects). */
  static AdaptorException unexpectedStatus(HttpReply reply) {
    return new AdaptorException(
        Kind.FATAL,
        String.valueOf(reply.status()),
        reply.call().describe() + " answered " + reply.status() + ": " + message(reply));
  }

  /** A record's error for an answer with a failing status: the code is the status. */
  static RecordError recordError(HttpReply reply, String source) {
    return RecordError.of(String.valueOf(reply.status()), message(reply), source);
  }

  /**
   * A record's error for a failure of its request. Refused credentials and cancellation concern the
   * whole call, so they are rethrown rather than pinned on one record.
   */
  static RecordError recordError(AdaptorException e, String source) {
    if (e.kind() == Kind.AUTH || e.kind() == Kind.CANCELED) throw e;
    return new RecordError(e.code(), e.getMessage(), source, e.retryable());
  }

  /**
   * What the target said went wrong: {@code errors[0].message}, {@code message}, or the body's
   * start.
   */
  static String message(HttpReply reply) {
    try {
      JsonNode body = Json.MAPPER.readTree(reply.body());
      if (body != null) {
        JsonNode m = body.path("errors").path(0).path("message");
        if (m.isTextual()) return m.asText();
        if (body.path("message").isTextual()) return body.get("message").asText();
      }
    } catch (IOException notJson) {
      // fall through to the raw text
    }
    String snippet = reply.bodySnippet(500);
    return snippet.isEmpty() ? "(empty body)" : snippet;
  }
}
