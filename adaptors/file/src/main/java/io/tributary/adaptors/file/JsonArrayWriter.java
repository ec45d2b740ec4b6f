package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import java.io.Writer;

/** A JSON file: an array of the records, one per line. */
final class JsonArrayWriter implements RecordWriter {
  private boolean started;

  @Override
  public RecordError write(JsonNode record, Writer out) throws IOException {
    String json = Json.MAPPER.writeValueAsString(record);
    out.write(started ? ",\n" : "[\n");
    started = true;
    out.write(json);
    return null;
  }

  @Override
  public void finish(Writer out) throws IOException {
    out.write(started ? "\n]\n" : "[]\n");
  }
}
