package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An integration as a directory: {@code integration.json}, and {@code connections/}, {@code
 * scripts/}, {@code exports/}, {@code imports/}, {@code flows/} holding one {@code <key>.json} per
 * resource, where the key is the resource's name made safe for a file name.
 */
final class Directory {
  static final String INTEGRATION_FILE = "integration.json";

  private Directory() {}

  /** Writes the files and removes the {@code .json} files of resources no longer there. */
  static int write(Path dir, Map<Kind, Map<String, ObjectNode>> files) {
    int written = 0;
    try {
      Files.createDirectories(dir);
      for (Kind k : Kind.RESOURCES) {
        Map<String, ObjectNode> byKey = files.get(k);
        if (k == Kind.INTEGRATION) {
          writeFile(dir.resolve(INTEGRATION_FILE), byKey.values().iterator().next());
          written++;
          continue;
        }
        Path folder = dir.resolve(k.path);
        for (Path old : jsonFiles(folder)) if (!byKey.containsKey(stem(old))) Files.delete(old);
        if (byKey.isEmpty()) continue;
        Files.createDirectories(folder);
        for (var e : byKey.entrySet()) {
          writeFile(folder.resolve(e.getKey() + ".json"), e.getValue());
          written++;
        }
      }
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.API_ERROR, "cannot write " + dir + ": " + e.getMessage());
    }
    return written;
  }

  /** Only a changed file is rewritten: its time stays as it was when nothing changed. */
  private static void writeFile(Path file, JsonNode doc) throws IOException {
    String text = Json.canonical(doc);
    if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) return;
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** The directory's resources by kind and key; the integration under its name's key. */
  static Map<Kind, Map<String, ObjectNode>> read(Path dir) {
    Path integration = dir.resolve(INTEGRATION_FILE);
    if (!Files.isRegularFile(integration)) {
      throw new CliFailure(
          ExitCodes.USAGE,
          dir + " holds no " + INTEGRATION_FILE + " (pull an integration into it first)");
    }
    Map<Kind, Map<String, ObjectNode>> out = new EnumMap<>(Kind.class);
    for (Kind k : Kind.RESOURCES) {
      Map<String, ObjectNode> byKey = new TreeMap<>();
      if (k == Kind.INTEGRATION) {
        ObjectNode doc = readObject(integration);
        byKey.put(FileNames.safe(doc.path("name").asText("")), doc);
      } else {
        for (Path f : jsonFiles(dir.resolve(k.path))) byKey.put(stem(f), readObject(f));
      }
      out.put(k, byKey);
    }
    return out;
  }

  private static ObjectNode readObject(Path file) {
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | UncheckedIOException e) {
      throw new CliFailure(
          ExitCodes.USAGE,
          file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(doc instanceof ObjectNode o))
      throw new CliFailure(ExitCodes.USAGE, file + " must hold a JSON object");
    return o;
  }

  private static List<Path> jsonFiles(Path folder) {
    if (!Files.isDirectory(folder)) return List.of();
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - ".json".length());
  }
}
