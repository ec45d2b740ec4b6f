package io.tributary.adaptors;

import com.fasterxml.jackson.databind.JsonNode;

/** Handlebars as adaptors use it: text templates (bodies, SQL, headers) and URI templates. */
public interface Templating {
  /** {@code {{x}}} and {{{x}}} both as text. Throws IllegalArgumentException for a bad template. */
  String render(String template, JsonNode context);

  /**
   * {@code {{x}}} URL-encoded, {@code {{{x}}}} raw. Throws IllegalArgumentException for a bad
   * template.
   */
  String renderUri(String template, JsonNode context);
}
