package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The rows of an XLSX file's first sheet, read as a stream with fastexcel-reader, as objects keyed
 * by the header row ({@code Column0}, ... without one), values as text. An XLSX file is a zip,
 * which needs random access: it is copied to a temporary local file first (to disk, not memory).
 */
final class XlsxRecords implements RecordReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final Path local;
  private final ReadableWorkbook workbook;
  private final Stream<Row> stream;
  private final Iterator<Row> rows;
  private final boolean hasHeaderRow;
  private List<String> header;
  private int lastRow;

  XlsxRecords(InputStream in, boolean hasHeaderRow) throws IOException {
    this.hasHeaderRow = hasHeaderRow;
    this.local = Files.createTempFile("tributary-xlsx-", ".xlsx");
    try {
      Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(local);
      throw e;
    }
    try {
      this.workbook = new ReadableWorkbook(local.toFile());
      this.stream = workbook.getFirstSheet().openStream();
      this.rows = stream.iterator();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(local);
      throw new Malformed("not a readable XLSX workbook: " + e.getMessage(), e);
    }
  }

  @Override
  public ObjectNode next() throws IOException {
    Row r = read();
    if (r != null && header == null) {
      header = new ArrayList<>();
      if (hasHeaderRow) {
        for (int i = 0; i < r.getCellCount(); i++)
          header.add(r.getCellAsString(i).orElse("Column" + i).trim());
        r = read();
      }
    }
    if (r == null) return null;
    ObjectNode o = NODES.objectNode();
    int count = Math.max(r.getCellCount(), header.size());
    for (int i = 0; i < count; i++) {
      if (i >= header.size()) header.add("Column" + i);
      Cell c = r.getCell(i);
      o.put(header.get(i), c == null ? "" : c.getText());
    }
    return o;
  }

  private Row read() throws IOException {
    try {
      Row r = rows.hasNext() ? rows.next() : null;
      if (r != null) lastRow = r.getRowNum();
      return r;
    } catch (UncheckedIOException e) {
      throw new Malformed("after row " + lastRow + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new Malformed("after row " + lastRow + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stream.close();
      workbook.close();
    } finally {
      Files.deleteIfExists(local);
    }
  }
}
