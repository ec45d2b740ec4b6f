package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.JsonPaths;
import java.util.List;
import java.util.Optional;

/**
 * integrator.io's rules for "this 2xx answer actually failed": a {@code failPath} whose value is
 * one of {@code failValues}, or a {@code successPath} whose value is not one of {@code
 * successValues}. Without values, a present and non-empty value counts as a match.
 */
record ResponseCheck(
    String successPath, List<String> successValues, String failPath, List<String> failValues) {

  /**
   * From a {@code response} or {@code ping} block; array-valued paths (imports) use their first
   * entry.
   */
  static ResponseCheck from(JsonNode block) {
    return new ResponseCheck(
        JsonValues.optionalText(block, "successPath"),
        JsonValues.strings(block.path("successValues")),
        JsonValues.optionalText(block, "failPath"),
        JsonValues.strings(block.path("failValues")));
  }

  boolean isEmpty() {
    return successPath == null && failPath == null;
  }

  /** Why {@code body} is a failure, or empty when it is not. */
  Optional<String> problem(JsonNode body) {
    if (failPath != null) {
      JsonNode v = JsonPaths.get(body, failPath);
      if (JsonValues.matches(v, failValues))
        return Optional.of("failPath '" + failPath + "' is '" + JsonValues.text(v) + "'");
    }
    if (successPath != null) {
      JsonNode v = JsonPaths.get(body, successPath);
      if (!JsonValues.matches(v, successValues)) {
        String expected = successValues.isEmpty() ? "a value" : "one of " + successValues;
        return Optional.of(
            "successPath '" + successPath + "' is '" + JsonValues.text(v) + "', not " + expected);
      }
    }
    return Optional.empty();
  }
}
