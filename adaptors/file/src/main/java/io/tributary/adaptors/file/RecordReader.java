package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads the records of one file, one at a time, from a stream: never the whole file in memory. A
 * file that cannot be parsed throws {@link Malformed} naming where.
 */
sealed interface RecordReader extends AutoCloseable
    permits CsvRecords, JsonRecords, XmlRecords, XlsxRecords {
  /** The next record, or null at the end of the file. */
  ObjectNode next() throws IOException;

  @Override
  void close() throws IOException;

  /** The file cannot be parsed; the message says where ("line 12: ..."). */
  final class Malformed extends IOException {
    Malformed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
