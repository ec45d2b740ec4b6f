package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An import's {@code ftp} and {@code file} blocks (D25): where files go, how they are named (a
 * Handlebars template), one per job or one per page ({@code skipAggregation}), and how records are
 * written.
 */
record FileTarget(
    String directory,
    String fileNameTemplate,
    boolean perPage,
    Type type,
    Charset encoding,
    CsvOut csv,
    List<String> columns) {

  enum Type {
    CSV,
    JSON
  }

  /** {@code file.csv} of an import. */
  record CsvOut(
      char columnDelimiter,
      String rowDelimiter,
      boolean includeHeader,
      boolean wrapWithQuotes,
      boolean replaceTabWithSpace,
      boolean replaceNewlineWithSpace) {}

  static FileTarget of(JsonNode resource) {
    JsonNode ftp = resource.path("ftp");
    JsonNode file = resource.path("file");
    String template = ftp.path("fileName").asText("").trim();
    if (template.isEmpty())
      throw FileFormat.config(
          "ftp.fileName is required: the name of the files to write (a template).");
    Type type =
        switch (file.path("type").asText("csv").toLowerCase(Locale.ROOT)) {
          case "csv" -> Type.CSV;
          case "json" -> Type.JSON;
          default ->
              throw FileFormat.config(
                  "file.type "
                      + file.path("type").asText()
                      + " cannot be written: imports write csv or json.");
        };
    JsonNode c = file.path("csv");
    CsvOut csv =
        new CsvOut(
            FileFormat.delimiter(c.path("columnDelimiter").asText(",")),
            rowDelimiter(c.path("rowDelimiter").asText("\n")),
            c.path("includeHeader").asBoolean(true),
            c.path("wrapWithQuotes").asBoolean(false),
            c.path("replaceTabWithSpace").asBoolean(false),
            c.path("replaceNewlineWithSpace").asBoolean(false));
    return new FileTarget(
        ftp.path("directoryPath").asText(""),
        template,
        file.path("skipAggregation").asBoolean(false),
        type,
        FileFormat.charset(file.path("encoding").asText("utf8")),
        csv,
        mappedColumns(resource));
  }

  private static String rowDelimiter(String d) {
    return switch (d) {
      case "", "\\n", "lf" -> "\n";
      case "\\r\\n", "crlf" -> "\r\n";
      case "\\r", "cr" -> "\r";
      default -> d;
    };
  }

  /**
   * The columns in mapping order: each top-level field the import's mapping generates (Mapper 1.0
   * {@code mapping.fields}, then {@code mapping.lists}, or 2.0 {@code mappings}); empty without a
   * mapping, when the first record's fields are the columns.
   */
  static List<String> mappedColumns(JsonNode resource) {
    Set<String> names = new LinkedHashSet<>();
    resource.path("mapping").path("fields").forEach(f -> add(names, f.path("generate").asText("")));
    resource.path("mapping").path("lists").forEach(f -> add(names, f.path("generate").asText("")));
    resource.path("mappings").forEach(f -> add(names, f.path("generate").asText("")));
    return new ArrayList<>(names);
  }

  private static void add(Set<String> names, String generate) {
    String top = generate.split("[.\\[]", 2)[0];
    if (!top.isEmpty()) names.add(top);
  }
}
