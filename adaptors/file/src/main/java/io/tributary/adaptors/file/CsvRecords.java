package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CSV rows as objects keyed by the header ({@code Column0}, {@code Column1}, ... without one),
 * values as text. With {@code keyColumns}, consecutive rows with equal keys become one record: the
 * key columns' values and {@code rows}, the array of its rows.
 */
final class CsvRecords implements RecordReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final CsvReader<CsvRecord> csv;
  private final CloseableIterator<CsvRecord> rows;
  private final FileFormat.Csv options;
  private String[] header;
  private ObjectNode pending; // the row read ahead while grouping by key columns

  CsvRecords(Reader in, FileFormat.Csv options) {
    this.options = options;
    this.csv =
        CsvReader.builder()
            .fieldSeparator(options.columnDelimiter())
            .quoteCharacter('"')
            .skipEmptyLines(true)
            .allowExtraFields(false)
            .allowMissingFields(false)
            .allowExtraCharsAfterClosingQuote(false)
            .ofCsvRecord(in);
    if (options.rowsToSkip() > 0) csv.skipLines(options.rowsToSkip());
    this.rows = csv.iterator();
  }

  @Override
  public ObjectNode next() throws IOException {
    if (options.keyColumns().isEmpty()) return row();
    ObjectNode first = pending != null ? pending : row();
    pending = null;
    if (first == null) return null;
    ObjectNode group = NODES.objectNode();
    for (String k : options.keyColumns()) group.set(k, first.get(k));
    ArrayNode grouped = group.putArray("rows");
    grouped.add(first);
    for (ObjectNode r = row(); r != null; r = row()) {
      if (!sameKeys(first, r)) {
        pending = r;
        break;
      }
      grouped.add(r);
    }
    return group;
  }

  private boolean sameKeys(ObjectNode a, ObjectNode b) {
    for (String k : options.keyColumns()) if (!Objects.equals(a.get(k), b.get(k))) return false;
    return true;
  }

  private ObjectNode row() throws IOException {
    CsvRecord r = read();
    if (r != null && header == null) {
      header =
          options.hasHeaderRow()
              ? r.getFields().stream().map(String::trim).toArray(String[]::new)
              : numbered(r.getFieldCount());
      if (options.hasHeaderRow()) r = read();
    }
    if (r == null) return null;
    ObjectNode o = NODES.objectNode();
    for (int i = 0; i < header.length; i++) {
      String v = r.getField(i);
      o.put(header[i], options.trimSpaces() ? v.trim() : v);
    }
    return o;
  }

  private CsvRecord read() throws IOException {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (CsvParseException e) {
      throw new Malformed(
          e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static String[] numbered(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) names.add("Column" + i);
    return names.toArray(String[]::new);
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
