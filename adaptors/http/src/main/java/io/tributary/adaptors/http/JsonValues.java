package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The loose comparisons integrator.io's success/fail/last-page rules make: values compared as
 * strings.
 */
final class JsonValues {
  private JsonValues() {}

  /** A scalar as its text, anything else as its JSON; null for a missing value. */
  static String text(JsonNode value) {
    if (value == null || value.isMissingNode()) return null;
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /**
   * A list of strings from an array or a single value (integrator.io accepts both); empty when
   * absent.
   */
  static List<String> strings(JsonNode values) {
    List<String> out = new ArrayList<>();
    if (values == null || values.isMissingNode() || values.isNull()) return out;
    if (values.isArray()) values.forEach(v -> out.add(text(v)));
    else out.add(text(values));
    return out;
  }

  /**
   * The first entry of an array, or the value itself: for import fields the original sends as
   * arrays.
   */
  static JsonNode first(JsonNode value) {
    return value != null && value.isArray() ? value.path(0) : value;
  }

  /** The text of a field that may be an array, or null when absent or blank. */
  static String optionalText(JsonNode node, String field) {
    JsonNode v = first(node.path(field));
    if (v == null || !v.isValueNode() || v.isNull()) return null;
    String s = v.asText();
    return s.isBlank() ? null : s;
  }

  /**
   * Whether {@code value} matches a rule: with {@code values}, when its text is one of them;
   * without, when it is present and not null, false or empty.
   */
  static boolean matches(JsonNode value, List<String> values) {
    if (!values.isEmpty()) return values.contains(text(value));
    if (value == null || value.isMissingNode() || value.isNull()) return false;
    if (value.isBoolean()) return value.booleanValue();
    return !text(value).isEmpty();
  }
}
