package io.tributary.adaptors.file;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An export's {@code ftp} block (D25): the directory to read, the name filters, and where read
 * files go ({@code backupDirectoryPath}; deleted when there is none, kept with {@code
 * file.skipDelete}).
 */
record FileSource(String directory, String startsWith, String endsWith, String backupDirectory) {
  static FileSource of(JsonNode resource) {
    JsonNode f = resource.path("ftp");
    String directory = f.path("directoryPath").asText("");
    return new FileSource(
        directory,
        f.path("fileNameStartsWith").asText(""),
        f.path("fileNameEndsWith").asText(""),
        f.path("backupDirectoryPath").asText(""));
  }

  /** Whether a file of the directory is one to read. */
  boolean matches(String name) {
    return name.startsWith(startsWith)
        && name.endsWith(endsWith)
        && !name.endsWith(ImportFile.TEMPORARY_SUFFIX);
  }
}
