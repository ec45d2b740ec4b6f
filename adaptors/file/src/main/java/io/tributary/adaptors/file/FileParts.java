package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * One remote file being read: decompressed as a stream (gzip, or each entry of a zip in turn) and
 * parsed by the {@link RecordReader} of its type.
 */
final class FileParts implements AutoCloseable {
  private static final int BUFFER = 256 * 1024;
  private final String path;
  private final FileFormat format;
  private final InputStream raw;
  private final ZipInputStream zip;
  private RecordReader reader;
  private String entry = "";

  FileParts(String path, InputStream remote, FileFormat format) throws IOException {
    this.path = path;
    this.format = format;
    InputStream in = new BufferedInputStream(remote, BUFFER);
    try {
      switch (format.compression()) {
        case GZIP -> {
          this.raw = new GZIPInputStream(in, BUFFER);
          this.zip = null;
          this.reader = reader(raw);
        }
        case ZIP -> {
          this.zip = new ZipInputStream(in);
          this.raw = zip;
        }
        default -> {
          this.raw = in;
          this.zip = null;
          this.reader = reader(raw);
        }
      }
    } catch (ZipException e) {
      in.close();
      throw new RecordReader.Malformed(
          "the start: not "
              + format.compression().name().toLowerCase()
              + " data ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  String path() {
    return path;
  }

  /** The zip entry being read, for error messages ("" for other files). */
  String where() {
    return entry.isEmpty() ? "" : " (entry " + entry + ")";
  }

  /** The next record of the file (of its next zip entry when one ends), or null at its end. */
  ObjectNode next() throws IOException {
    try {
      while (true) {
        if (reader == null && !nextEntry()) return null;
        ObjectNode record = reader.next();
        if (record != null) return record;
        if (zip == null) return null;
        reader.close();
        reader = null;
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new RecordReader.Malformed(
          "a damaged or truncated "
              + format.compression().name().toLowerCase()
              + " stream: "
              + e.getMessage(),
          e);
    }
  }

  private boolean nextEntry() throws IOException {
    ZipEntry e;
    do {
      e = zip.getNextEntry();
    } while (e != null && e.isDirectory());
    if (e == null) return false;
    entry = e.getName();
    reader =
        reader(
            new FilterInputStream(zip) {
              @Override
              public void close() {
                // one entry ends; the archive stays open for the next
              }
            });
    return true;
  }

  private RecordReader reader(InputStream in) throws IOException {
    if (format.type() == FileFormat.Type.XLSX) return new XlsxRecords(in, format.xlsxHeaderRow());
    Reader text = new InputStreamReader(in, format.encoding());
    return switch (format.type()) {
      case CSV -> new CsvRecords(text, format.csv());
      case JSON -> new JsonRecords(text, format.resourcePath());
      case XML -> new XmlRecords(text, format.resourcePath());
      case XLSX -> throw new IllegalStateException("handled above");
    };
  }

  @Override
  public void close() throws IOException {
    try {
      if (reader != null) reader.close();
    } finally {
      raw.close();
    }
  }

  void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException ignored) {
      // the file is abandoned; its transfer's end does not matter
    }
  }
}
