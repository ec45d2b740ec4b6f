package io.tributary.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiFunction;

/**
 * Maps a record to what an import sends: Mapper 1.0 ({@code mapping}), 2.0 ({@code mappings}), or
 * as it is.
 */
public final class ImportMapper {
  private final Mapper1 v1;
  private final Mapper2 v2;

  private ImportMapper(Mapper1 v1, Mapper2 v2) {
    this.v1 = v1;
    this.v2 = v2;
  }

  /**
   * Reads the import's mapping. {@code templates} renders Handlebars extracts (template, context);
   * malformed configuration throws IllegalArgumentException naming the field.
   */
  public static ImportMapper of(
      JsonNode importDoc, BiFunction<String, JsonNode, String> templates) {
    Extracts extracts = new Extracts(templates);
    StaticLookups lookups =
        new StaticLookups(
            importDoc.path("lookups").isArray()
                ? importDoc.get("lookups")
                : importDoc.path("http").path("lookups"));
    JsonNode mapping = importDoc.get("mapping");
    JsonNode mappings = importDoc.get("mappings");
    boolean hasV1 =
        mapping != null && mapping.isObject() && (mapping.has("fields") || mapping.has("lists"));
    boolean hasV2 = mappings != null && mappings.isArray() && !mappings.isEmpty();
    if (hasV1 && hasV2)
      throw new IllegalArgumentException("mapping and mappings cannot both be used on one import");
    return new ImportMapper(
        hasV1 ? new Mapper1(mapping, extracts, lookups) : null,
        hasV2 ? new Mapper2(mappings, extracts, lookups) : null);
  }

  public MapResult map(JsonNode record) {
    try {
      if (v1 != null) return new MapResult.Mapped(v1.map(record));
      if (v2 != null) return new MapResult.Mapped(v2.map(record));
      return new MapResult.Mapped(
          record instanceof ObjectNode o ? o.deepCopy() : io.tributary.web.Json.object());
    } catch (MappingFailure e) {
      return new MapResult.Failed(e.code, e.getMessage(), e.field);
    } catch (IllegalArgumentException e) {
      return new MapResult.Failed("mapping_failed", e.getMessage(), null);
    }
  }
}
