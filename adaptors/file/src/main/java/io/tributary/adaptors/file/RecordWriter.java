package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.RecordError;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes records into one file as they come, page after page. Not thread-safe: its {@link
 * ImportFile} holds a lock.
 */
sealed interface RecordWriter permits CsvWriter, JsonArrayWriter {
  /**
   * Writes one record; answers the record's error when it cannot be written (nothing of it was
   * written then).
   */
  RecordError write(JsonNode record, Writer out) throws IOException;

  /** Writes what ends the file (after the last record). */
  void finish(Writer out) throws IOException;

  static RecordWriter of(FileTarget target) {
    return switch (target.type()) {
      case CSV -> new CsvWriter(target.csv(), target.columns());
      case JSON -> new JsonArrayWriter();
    };
  }
}
