package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tributary.web.Json;
import java.util.Locale;

/**
 * The {@code dataType} conversions of both mappers; a value that cannot convert fails its record.
 */
final class DataTypes {
  private DataTypes() {}

  static JsonNode convert(JsonNode value, String dataType, String field) {
    if (dataType == null
        || dataType.isBlank()
        || value == null
        || value.isNull()
        || value.isMissingNode()) return value;
    String type = dataType.toLowerCase(Locale.ROOT);
    if (type.endsWith("array"))
      return array(value, type.substring(0, type.length() - "array".length()), field);
    return switch (type) {
      case "string" ->
          value.isValueNode()
              ? TextNode.valueOf(value.asText())
              : TextNode.valueOf(value.toString());
      case "number", "integer", "float", "double" -> number(value, field);
      case "boolean" -> bool(value, field);
      case "object", "json" -> value;
      default -> value; // date and custom types are passed through as the source gave them
    };
  }

  private static JsonNode array(JsonNode value, String element, String field) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    if (value.isArray()) {
      for (JsonNode e : value) out.add(element.isEmpty() ? e : convert(e, element, field));
    } else {
      out.add(element.isEmpty() ? value : convert(value, element, field));
    }
    return out;
  }

  private static JsonNode number(JsonNode v, String field) {
    if (v.isNumber()) return v;
    String s = v.asText().trim();
    if (s.isEmpty()) return v;
    return DecimalNode.valueOf(
        io.tributary.adaptors.json.Numbers.parse(s)
            .orElseThrow(
                () ->
                    new MappingFailure(
                        "mapping_failed",
                        "Cannot convert \""
                            + (s.length() > 80 ? s.substring(0, 77) + "..." : s)
                            + "\" to a number for "
                            + field,
                        field)));
  }

  private static JsonNode bool(JsonNode v, String field) {
    if (v.isBoolean()) return v;
    if (v.isNumber()) return BooleanNode.valueOf(v.asDouble() != 0);
    return switch (v.asText().trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> BooleanNode.TRUE;
      case "false", "no", "n", "0", "" -> BooleanNode.FALSE;
      default ->
          throw new MappingFailure(
              "mapping_failed",
              "Cannot convert \"" + v.asText() + "\" to a boolean for " + field,
              field);
    };
  }

  static boolean empty(JsonNode v) {
    return v == null || v.isMissingNode() || v.isNull() || (v.isTextual() && v.asText().isEmpty());
  }
}
