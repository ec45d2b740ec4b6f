package io.tributary.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Ids;
import io.tributary.core.Problem;
import io.tributary.flowops.IdRemap;
import io.tributary.web.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an uploaded template zip and refuses anything that is not a complete, self-contained
 * template (422), and any entry that could escape a folder ({@code ..}, absolute paths).
 */
final class TemplateReader {
  private static final long MAX_UNZIPPED = 50L * 1024 * 1024;
  private static final int MAX_ENTRIES = 10_000;
  private static final Set<String> MODELS =
      Set.of("Flow", "Export", "Import", "Script", "Connection", "Integration");

  private TemplateReader() {}

  static Template read(byte[] zipBytes) {
    Map<String, byte[]> files = unzip(zipBytes);
    byte[] manifestBytes = files.get("manifest.json");
    if (manifestBytes == null) throw invalid("The zip is not a template: it has no manifest.json.");
    JsonNode manifest = parse(manifestBytes, "manifest.json");
    if (!manifest.isObject()
        || manifest.path("version").asInt(0) != 1
        || !manifest.path("resources").isArray()) {
      throw invalid(
          "manifest.json must be an object with \"version\": 1 and a \"resources\" array.");
    }
    List<Template.Resource> resources = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (JsonNode r : manifest.get("resources")) {
      String at = "manifest.json resources[" + i++ + "]";
      String model = r.path("model").asText("");
      String id = r.path("_id").asText("");
      String path = r.path("path").asText("");
      if (!MODELS.contains(model)) throw invalid(at + ": unknown model \"" + model + "\".");
      if (!Ids.isId(id)) throw invalid(at + ": _id must be a 24-hex id.");
      if (!files.containsKey(path)) throw invalid(at + ": the zip has no file " + path + ".");
      JsonNode doc = parse(files.get(path), path);
      if (!doc.isObject()) throw invalid(path + " must hold a JSON object.");
      if (!ids.add(id)) throw invalid(at + ": the id " + id + " appears twice.");
      resources.add(new Template.Resource(model, id, (ObjectNode) doc));
    }
    if (resources.stream().noneMatch(r -> r.model().equals("Flow")))
      throw invalid("The template holds no flow.");
    checkReferences(resources, ids);
    List<Template.Resource> ordered = new ArrayList<>();
    for (String model : Template.ORDER)
      resources.stream().filter(r -> r.model().equals(model)).forEach(ordered::add);
    return new Template((ObjectNode) manifest, ordered);
  }

  /** Every id a resource references must be a resource (or a flow grouping) of the template. */
  private static void checkReferences(List<Template.Resource> resources, Set<String> ids) {
    Set<String> known = new HashSet<>(ids);
    for (Template.Resource r : resources) {
      if (r.model().equals("Integration"))
        r.doc().path("flowGroupings").forEach(g -> known.add(g.path("_id").asText()));
    }
    for (Template.Resource r : resources) {
      IdRemap.collect(
          r.doc(),
          "",
          (field, id) -> {
            if (!known.contains(id)) {
              throw invalid(
                  r.model()
                      + " "
                      + r.id()
                      + " references "
                      + field
                      + " "
                      + id
                      + ", which the template does not contain.");
            }
          });
    }
  }

  private static Map<String, byte[]> unzip(byte[] bytes) {
    Map<String, byte[]> files = new HashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName();
        if (unsafe(name))
          throw invalid(
              "The zip entry \""
                  + name
                  + "\" is refused: entries may not use '..' or absolute paths.");
        if (files.size() >= MAX_ENTRIES) throw invalid("The zip has too many entries.");
        if (e.isDirectory()) continue;
        byte[] data =
            zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNZIPPED - total + 1));
        total += data.length;
        if (total > MAX_UNZIPPED)
          throw new Problem.TooLarge("The template unzips to more than 50 MB.");
        files.put(name, data);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw invalid("The body is not a readable zip file: " + e.getMessage());
    }
    if (files.isEmpty()) throw invalid("The body is not a zip file with entries.");
    return files;
  }

  static boolean unsafe(String name) {
    String n = name.replace('\\', '/');
    return n.startsWith("/") || n.matches("^[A-Za-z]:.*") || List.of(n.split("/")).contains("..");
  }

  /** Template files are read as request bodies are: one bounded JSON document in UTF-8. */
  private static JsonNode parse(byte[] data, String path) {
    try {
      return Json.parse(data);
    } catch (Problem e) {
      throw invalid(path + " is not valid JSON: " + e.getMessage());
    }
  }

  private static Problem invalid(String message) {
    return new Problem.Invalid("invalid_template", message, null);
  }
}
