package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.adaptors.json.JsonPaths;
import java.util.function.BiFunction;

/** Reads a mapping's {@code extract}: a field path, or a Handlebars template over the record. */
final class Extracts {
  private final BiFunction<String, JsonNode, String> templates;

  Extracts(BiFunction<String, JsonNode, String> templates) {
    this.templates = templates;
  }

  JsonNode read(JsonNode source, String extract, String field) {
    if (extract == null) return MissingNode.getInstance();
    if (extract.contains("{{")) {
      if (templates == null)
        throw new MappingFailure(
            "mapping_failed", "Templates are not available for " + field, field);
      try {
        return TextNode.valueOf(templates.apply(extract, RecordScope.of(source)));
      } catch (RuntimeException e) {
        throw new MappingFailure(
            "mapping_failed", "Cannot evaluate " + extract + ": " + e.getMessage(), field);
      }
    }
    return JsonPaths.get(source, extract);
  }
}
