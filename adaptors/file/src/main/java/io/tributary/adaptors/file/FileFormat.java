package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.AdaptorException.Kind;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An export's {@code file} block (D25): what kind of file, how it is compressed and encoded, and
 * the options of its kind.
 */
record FileFormat(
    Type type,
    Charset encoding,
    Compression compression,
    boolean skipDelete,
    Csv csv,
    String resourcePath,
    boolean xlsxHeaderRow) {

  enum Type {
    CSV,
    JSON,
    XML,
    XLSX
  }

  enum Compression {
    NONE,
    GZIP,
    ZIP
  }

  /**
   * {@code file.csv}: {@code columnDelimiter} (default ","), {@code hasHeaderRow} (default true),
   * {@code trimSpaces}, {@code rowsToSkip}, {@code keyColumns}.
   */
  record Csv(
      char columnDelimiter,
      boolean hasHeaderRow,
      boolean trimSpaces,
      int rowsToSkip,
      List<String> keyColumns) {}

  static FileFormat of(JsonNode resource) {
    JsonNode f = resource.path("file");
    Type type =
        switch (f.path("type").asText("csv").toLowerCase(Locale.ROOT)) {
          case "csv" -> Type.CSV;
          case "json" -> Type.JSON;
          case "xml" -> Type.XML;
          case "xlsx" -> Type.XLSX;
          default ->
              throw config(
                  "file.type must be csv, json, xml or xlsx, not " + f.path("type").asText() + ".");
        };
    Compression compression =
        switch (f.path("compressionFormat").asText("").toLowerCase(Locale.ROOT)) {
          case "" -> Compression.NONE;
          case "gzip" -> Compression.GZIP;
          case "zip" -> Compression.ZIP;
          default ->
              throw config(
                  "file.compressionFormat must be gzip or zip, not "
                      + f.path("compressionFormat").asText()
                      + ".");
        };
    JsonNode c = f.path("csv");
    List<String> keys = new ArrayList<>();
    c.path("keyColumns").forEach(k -> keys.add(k.asText()));
    Csv csv =
        new Csv(
            delimiter(c.path("columnDelimiter").asText(",")),
            c.path("hasHeaderRow").asBoolean(true),
            c.path("trimSpaces").asBoolean(false),
            c.path("rowsToSkip").asInt(0),
            List.copyOf(keys));
    String path =
        type == Type.XML
            ? f.path("xml").path("resourcePath").asText("")
            : f.path("json").path("resourcePath").asText("");
    return new FileFormat(
        type,
        charset(f.path("encoding").asText("utf8")),
        compression,
        f.path("skipDelete").asBoolean(false),
        csv,
        path,
        f.path("xlsx").path("hasHeaderRow").asBoolean(true));
  }

  /** A delimiter given as the character or by name ("tab", "\\t"). */
  static char delimiter(String d) {
    return switch (d) {
      case "\\t", "\t", "tab", "Tab" -> '\t';
      case "" -> ',';
      default -> {
        if (d.length() != 1)
          throw config("file.csv.columnDelimiter must be one character, not \"" + d + "\".");
        yield d.charAt(0);
      }
    };
  }

  /** integrator.io's encoding names (utf8, win1252, utf-16le, ...) or any Java charset name. */
  static Charset charset(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String java =
        switch (n) {
          case "utf8", "utf-8" -> "UTF-8";
          case "win1252", "windows-1252", "cp1252" -> "windows-1252";
          case "utf16le", "utf-16le" -> "UTF-16LE";
          case "latin1", "iso-8859-1" -> "ISO-8859-1";
          default -> name;
        };
    try {
      return Charset.forName(java);
    } catch (RuntimeException e) {
      throw config("file.encoding " + name + " is not known.");
    }
  }

  static AdaptorException config(String message) {
    return new AdaptorException(Kind.FATAL, "invalid_file_settings", message);
  }
}
