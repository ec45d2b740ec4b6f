package io.tributary.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The CLI's JSON: its own mapper (the CLI is a client and shares nothing with the server's
 * internals), and the canonical form files are written in: keys sorted at every level, two-space
 * indentation, {@code "key": value}, one trailing newline, so a pull twice gives the same bytes and
 * a diff shows only what changed.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pretty, key-sorted text ending in a newline. */
  static String canonical(JsonNode node) {
    try {
      return MAPPER
              .writer(PRETTY)
              .without(JsonGenerator.Feature.ESCAPE_NON_ASCII)
              .writeValueAsString(sorted(node))
          + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pretty(JsonNode node) {
    return canonical(node);
  }

  /** A deep copy whose object keys are in sorted order (array order is meaning, so it stays). */
  static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); )
        entries.add(it.next());
      entries.sort(Map.Entry.comparingByKey());
      ObjectNode out = MAPPER.createObjectNode();
      for (var e : entries) out.set(e.getKey(), sorted(e.getValue()));
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = MAPPER.createArrayNode();
      for (JsonNode n : a) out.add(sorted(n));
      return out;
    }
    return node == null ? null : node.deepCopy();
  }

  static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
