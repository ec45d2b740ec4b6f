package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import io.tributary.adaptors.json.Json;
import io.tributary.adaptors.json.JsonPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what an answer says: its JSON, whether it reports a failure, and the records it holds.
 * Problems are FATAL {@link AdaptorException}s naming the request's path, never its query or
 * headers; lookups and imports turn them into the record's error.
 */
final class ResponseReader {
  private ResponseReader() {}

  /** The body as JSON; an empty body (204, or an empty 200) is JSON null. */
  static JsonNode json(HttpReply reply) {
    if (reply.body().isBlank()) return NullNode.getInstance();
    try {
      return Json.MAPPER.readTree(reply.body());
    } catch (IOException e) {
      throw new AdaptorException(
          Kind.FATAL,
          "invalid_response",
          "The response of " + reply.call().describe() + " is not JSON: " + reply.bodySnippet(100),
          e);
    }
  }

  /** Throws when the body says the request failed though its status did not. */
  static void check(ResponseCheck check, JsonNode body, HttpCall call) {
    check
        .problem(body)
        .ifPresent(
            p -> {
              throw new AdaptorException(
                  Kind.FATAL,
                  "unsuccessful_response",
                  "The response of " + call.describe() + " failed: " + p + ".");
            });
  }

  /**
   * The records at {@code resourcePath} (null: the whole body): an array is its elements, an object
   * one record, JSON null none. A missing path or a scalar is a configuration problem.
   */
  static List<JsonNode> records(JsonNode body, String resourcePath, HttpCall call) {
    JsonNode at = resourcePath == null ? body : JsonPaths.get(body, resourcePath);
    if (at.isMissingNode()) {
      throw new AdaptorException(
          Kind.FATAL,
          "invalid_resource_path",
          "resourcePath '" + resourcePath + "' is not in the response of " + call.describe() + ".");
    }
    List<JsonNode> records = new ArrayList<>();
    if (at.isArray()) at.forEach(records::add);
    else if (at.isObject()) records.add(at);
    else if (!at.isNull()) {
      String where =
          resourcePath == null
              ? "The response"
              : "resourcePath '" + resourcePath + "' in the response";
      throw new AdaptorException(
          Kind.FATAL,
          "invalid_resource_path",
          where
              + " of "
              + call.describe()
              + " is "
              + at.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", not records.");
    }
    return records;
  }
}
