package io.tributary.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The adaptor API's mapper ({@link io.tributary.adaptors.json.Json}) as the server uses it: the
 * same instance, plus {@link #parse} for request bodies, which answers 400 on bad JSON.
 */
public final class Json {
  public static final ObjectMapper MAPPER = io.tributary.adaptors.json.Json.MAPPER;

  private Json() {}

  public static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("invalid_json", "The request body is empty; a JSON document is expected.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static JsonNode read(String stored) {
    return io.tributary.adaptors.json.Json.read(stored);
  }

  public static String write(Object value) {
    return io.tributary.adaptors.json.Json.write(value);
  }

  public static ObjectNode object() {
    return io.tributary.adaptors.json.Json.object();
  }
}
