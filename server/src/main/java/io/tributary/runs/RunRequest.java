package io.tributary.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.ErrorItem;
import io.tributary.core.Problem;
import io.tributary.core.Times;
import io.tributary.web.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /v1/flows/:id/run} (D10): which sources, which delta window, and our
 * extension {@code params}. All optional.
 */
public record RunRequest(List<String> exportIds, Long startDate, Long endDate, ObjectNode params) {
  public static final RunRequest NONE = new RunRequest(List.of(), null, null, Json.object());

  public static RunRequest parse(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) return NONE;
    if (!body.isObject())
      throw Problem.invalid("invalid_field", "The run body must be a JSON object.", null);
    List<ErrorItem> problems = new ArrayList<>();
    List<String> exportIds = new ArrayList<>();
    JsonNode ids = body.get("_exportIds");
    if (ids != null && !ids.isNull()) {
      if (!ids.isArray())
        problems.add(
            new ErrorItem(
                "invalid_field", "_exportIds must be an array of export ids", "_exportIds"));
      else ids.forEach(n -> exportIds.add(n.asText()));
    }
    Long start = date(body, "startDate", problems);
    // The original's clients send the delta start as {"export": {"startDate": ...}} (D30).
    if (start == null && body.path("export").isObject())
      start = date(body.get("export"), "startDate", problems);
    Long end = date(body, "endDate", problems);
    if (start != null && end != null && start > end) {
      problems.add(
          new ErrorItem("invalid_field", "startDate must not be after endDate", "startDate"));
    }
    JsonNode params = body.get("params");
    if (params != null && !params.isNull() && !params.isObject()) {
      problems.add(new ErrorItem("invalid_field", "params must be a JSON object", "params"));
    }
    if (!problems.isEmpty()) throw new Problem.Invalid(problems);
    return new RunRequest(
        exportIds, start, end, params instanceof ObjectNode o ? o : Json.object());
  }

  private static Long date(JsonNode body, String field, List<ErrorItem> problems) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) return null;
    Long t = n.isTextual() ? Times.parse(n.asText()) : null;
    if (t == null)
      problems.add(new ErrorItem("invalid_field", field + " must be an ISO-8601 date-time", field));
    return t;
  }

  /** How the request is kept on the job document. */
  public void describeOn(ObjectNode jobDoc) {
    if (!exportIds.isEmpty()) exportIds.forEach(jobDoc.withArray("_exportIds")::add);
    if (startDate != null) jobDoc.put("startDate", Times.iso(startDate));
    if (endDate != null) jobDoc.put("endDate", Times.iso(endDate));
    if (!params.isEmpty()) jobDoc.set("params", params);
  }
}
