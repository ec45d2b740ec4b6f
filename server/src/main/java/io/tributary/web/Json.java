package io.tributary.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Problem;

/**
 * The adaptor API's mapper ({@link io.tributary.adaptors.json.Json}) as the server uses it: the
 * same instance, plus {@link #parse} for request bodies, which answers 400 on bad JSON.
 */
public final class Json {
  /**
   * How deep a request body (and a stored resource document) may nest; real documents stay far
   * below.
   */
  public static final int MAX_DEPTH = 200;

  /** The longest number a request body may hold, in characters. */
  public static final int MAX_NUMBER_LENGTH = 400;

  public static final ObjectMapper MAPPER = io.tributary.adaptors.json.Json.MAPPER;

  /**
   * Reads what clients send: one document and nothing after it, bounded depth and number length.
   * Stored documents and remote data keep {@link #MAPPER}'s looser defaults so that nothing already
   * stored becomes unreadable.
   */
  private static final ObjectReader REQUESTS =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build()
          .reader();

  private Json() {}

  /**
   * Parses a request body; anything but one well-formed, bounded JSON document is a 400
   * invalid_json.
   */
  public static JsonNode parse(String text) {
    JsonNode node;
    try {
      node = REQUESTS.readTree(text);
    } catch (JsonProcessingException e) {
      throw Problem.badRequest(
          "invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (NumberFormatException e) {
      // Jackson parses decimals lazily into BigDecimal and reports an unrepresentable exponent this
      // way.
      throw outOfRange();
    }
    if (node == null || node.isMissingNode()) {
      throw Problem.badRequest(
          "invalid_json", "The request body is empty; a JSON document is expected.");
    }
    if (!Numbers.bounded(node)) throw outOfRange();
    return node;
  }

  /** Like {@link #parse(String)}, for bytes that must be UTF-8 (files of an uploaded zip). */
  public static JsonNode parse(byte[] utf8) {
    if (!BodyGuard.isUtf8(utf8))
      throw Problem.badRequest("invalid_json", "The document is not valid UTF-8.");
    return parse(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Problem outOfRange() {
    return Problem.badRequest(
        "invalid_json",
        "The request body holds a number out of range (exponents are limited to "
            + Numbers.MAX_EXPONENT
            + ").");
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
