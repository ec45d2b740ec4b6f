package io.tributary.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedules of one flow: its own, and each page generator's own (which runs only that source).
 */
record FlowSchedules(List<Entry> entries) {
  /** {@code exportId} is empty for the flow's schedule. */
  record Entry(String exportId, String expression, String timezone) {
    String signature() {
      return expression + "|" + timezone;
    }

    FireTimes fireTimes() {
      return FireTimes.of(expression, timezone);
    }
  }

  static FlowSchedules of(JsonNode flow) {
    List<Entry> out = new ArrayList<>();
    if (flow.path("disabled").asBoolean(false)) return new FlowSchedules(out);
    String zone = flow.path("timezone").asText("UTC");
    if (!flow.path("schedule").asText("").isBlank())
      out.add(new Entry("", flow.get("schedule").asText(), zone));
    for (JsonNode pg : flow.path("pageGenerators")) {
      if (!pg.path("schedule").asText("").isBlank() && pg.path("_exportId").isTextual()) {
        out.add(new Entry(pg.get("_exportId").asText(), pg.get("schedule").asText(), zone));
      }
    }
    return new FlowSchedules(out);
  }
}
