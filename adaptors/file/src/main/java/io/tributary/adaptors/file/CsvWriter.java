package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.RecordError;
import io.tributary.adaptors.json.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * CSV rows, columns in mapping order (the first record's fields without a mapping), an optional
 * header, quoting where needed or everywhere ({@code wrapWithQuotes}). A record with a field that
 * is not a column fails rather than losing it.
 */
final class CsvWriter implements RecordWriter {
  private final FileTarget.CsvOut options;
  private List<String> columns;
  private Set<String> known;

  CsvWriter(FileTarget.CsvOut options, List<String> columns) {
    this.options = options;
    this.columns = columns.isEmpty() ? null : List.copyOf(columns);
  }

  @Override
  public RecordError write(JsonNode record, Writer out) throws IOException {
    if (!record.isObject())
      return RecordError.of(
          "not_an_object",
          "A CSV row is made from an object, not " + record.getNodeType() + ".",
          "application");
    if (columns == null) {
      List<String> names = new ArrayList<>();
      record.fieldNames().forEachRemaining(names::add);
      columns = names;
    }
    if (known == null) {
      known = new HashSet<>(columns);
      if (options.includeHeader())
        row(
            columns.stream().map(c -> (JsonNode) Json.MAPPER.getNodeFactory().textNode(c)).toList(),
            out);
    }
    for (Iterator<String> it = record.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        return RecordError.of(
            "unknown_column",
            "Field " + f + " is not one of the file's columns " + columns + ".",
            "application");
      }
    }
    List<JsonNode> values = new ArrayList<>(columns.size());
    for (String c : columns) values.add(record.get(c));
    row(values, out);
    return null;
  }

  private void row(List<JsonNode> values, Writer out) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) out.write(options.columnDelimiter());
      out.write(field(text(values.get(i))));
    }
    out.write(options.rowDelimiter());
  }

  private static String text(JsonNode v) throws IOException {
    if (v == null || v.isNull() || v.isMissingNode()) return "";
    return v.isValueNode() ? v.asText() : Json.MAPPER.writeValueAsString(v);
  }

  private String field(String v) {
    if (options.replaceTabWithSpace()) v = v.replace('\t', ' ');
    if (options.replaceNewlineWithSpace())
      v = v.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    boolean quote =
        options.wrapWithQuotes()
            || v.indexOf(options.columnDelimiter()) >= 0
            || v.indexOf('"') >= 0
            || v.indexOf('\n') >= 0
            || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  @Override
  public void finish(Writer out) {}
}
