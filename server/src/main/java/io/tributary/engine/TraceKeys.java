package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.Templating;
import io.tributary.web.Json;

/** A record's trace key: the step's {@code traceKeyTemplate}, else the record's own id field. */
final class TraceKeys {
  private final Templating templating;

  TraceKeys(Templating templating) {
    this.templating = templating;
  }

  String of(JsonNode resource, JsonNode record) {
    String template = resource.path("traceKeyTemplate").asText("");
    if (!template.isBlank()) {
      try {
        String key = templating.render(template, Json.object().set("record", record));
        if (!key.isBlank()) return key;
      } catch (RuntimeException e) {
        // A template that cannot render gives no trace key; the record itself is unaffected.
      }
    }
    for (String field : new String[] {"id", "_id", "Id", "ID"}) {
      JsonNode id = record.get(field);
      if (id != null && id.isValueNode() && !id.isNull()) return id.asText();
    }
    return null;
  }
}
