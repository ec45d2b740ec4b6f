package io.tributary.adaptors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.json.JsonPaths;
import java.util.List;

/**
 * When paging ends, whatever the method: an answer with {@code lastPageStatusCode} (default 404,
 * ending without error), a {@code lastPagePath} value among {@code lastPageValues}, as many pages
 * as {@code maxPagePath} says or as many records as {@code maxCountPath} says. An empty page always
 * ends paging; the page source sees to that.
 */
record StopRules(
    int lastPageStatusCode,
    String lastPagePath,
    List<String> lastPageValues,
    String maxPagePath,
    String maxCountPath) {
  static StopRules from(JsonNode paging) {
    return new StopRules(
        paging.path("lastPageStatusCode").asInt(404),
        JsonValues.optionalText(paging, "lastPagePath"),
        JsonValues.strings(
            paging.has("lastPageValues")
                ? paging.get("lastPageValues")
                : paging.path("lastPageValue")),
        JsonValues.optionalText(paging, "maxPagePath"),
        JsonValues.optionalText(paging, "maxCountPath"));
  }

  /**
   * Whether {@code page} (the {@code pagesRead}-th, bringing the total to {@code recordsRead}) is
   * the last.
   */
  boolean isLast(Pager.Page page, int pagesRead, long recordsRead) {
    if (lastPagePath != null
        && JsonValues.matches(JsonPaths.get(page.body(), lastPagePath), lastPageValues))
      return true;
    if (reached(page.body(), maxPagePath, pagesRead)) return true;
    return reached(page.body(), maxCountPath, recordsRead);
  }

  /**
   * Whether {@code count} reached the number at {@code path}; a missing or non-numeric value never
   * stops.
   */
  private static boolean reached(JsonNode body, String path, long count) {
    if (path == null) return false;
    JsonNode v = JsonPaths.get(body, path);
    if (v.isNumber()) return count >= v.asLong();
    if (v.isTextual() && v.asText().trim().matches("\\d+"))
      return count >= Long.parseLong(v.asText().trim());
    return false;
  }
}
