package io.tributary.adaptors.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import java.io.Reader;

/**
 * The records of a JSON file, parsed as a stream: the array (or the one object) at {@code
 * resourcePath} (dot-separated field names; empty or {@code *} for the whole document), each
 * element an object read one at a time.
 */
final class JsonRecords implements RecordReader {
  private final JsonParser parser;
  private final String[] path;
  private boolean started;
  private boolean done;

  JsonRecords(Reader in, String resourcePath) throws IOException {
    this.parser = Json.MAPPER.getFactory().createParser(in);
    String p = resourcePath == null ? "" : resourcePath.trim();
    this.path =
        p.isEmpty() || p.equals("*") || p.equals("$")
            ? new String[0]
            : p.replaceFirst("^\\$\\.", "").split("\\.");
  }

  @Override
  public ObjectNode next() throws IOException {
    try {
      if (done) return null;
      if (!started) {
        started = true;
        if (!descend()) {
          done = true;
          return null;
        }
        if (parser.currentToken() == JsonToken.START_OBJECT) {
          done = true;
          return (ObjectNode) Json.MAPPER.readTree(parser);
        }
      }
      JsonToken t = parser.nextToken();
      if (t == JsonToken.END_ARRAY || t == null) {
        done = true;
        return null;
      }
      if (t != JsonToken.START_OBJECT)
        throw malformed("a record is " + t.asString() + ", not an object", null);
      JsonNode n = Json.MAPPER.readTree(parser);
      return (ObjectNode) n;
    } catch (JsonProcessingException e) {
      throw malformed(e.getOriginalMessage(), e);
    }
  }

  /** Moves to the value at the resource path; false when the path is absent. */
  private boolean descend() throws IOException {
    JsonToken t = parser.nextToken();
    for (String field : path) {
      if (t != JsonToken.START_OBJECT) return false;
      boolean found = false;
      while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        t = parser.nextToken();
        if (name.equals(field)) {
          found = true;
          break;
        }
        parser.skipChildren();
      }
      if (!found) return false;
    }
    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) return true;
    if (t == null) return false;
    throw malformed(
        "the value at the resource path is " + t.asString() + ", not an array or object", null);
  }

  private Malformed malformed(String what, Throwable cause) {
    return new Malformed("line " + parser.currentLocation().getLineNr() + ": " + what, cause);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
