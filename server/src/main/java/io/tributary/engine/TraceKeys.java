package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.Templating;
import io.tributary.web.Json;

/** A record's trace key: the step's {@code traceKeyTemplate}, else the record's own id field. */
final class TraceKeys {
  private static final String[] ID_FIELDS = {"id", "_id", "Id", "ID"};
  private final Templating templating;

  TraceKeys(Templating templating) {
    this.templating = templating;
  }

  /**
   * The key of {@code record} at a step with {@code template} (maybe empty), worked out when first
   * asked for.
   */
  Lazy lazy(String template, JsonNode record) {
    return new Lazy(this, template, record);
  }

  /**
   * A record's trace key as it entered a step, computed only when something needs it (a failure, or
   * auto-resolving): most records of most runs never do.
   */
  static final class Lazy {
    private final TraceKeys keys;
    private final String template;
    private final JsonNode record;
    private String value;
    private boolean known;

    private Lazy(TraceKeys keys, String template, JsonNode record) {
      this.keys = keys;
      this.template = template;
      this.record = record;
    }

    String get() {
      if (!known) {
        value = keys.of(template, record);
        known = true;
      }
      return value;
    }
  }

  String of(String template, JsonNode record) {
    if (!template.isBlank()) {
      try {
        String key = templating.render(template, Json.object().set("record", record));
        if (!key.isBlank()) return key;
      } catch (RuntimeException e) {
        // A template that cannot render gives no trace key; the record itself is unaffected.
      }
    }
    for (String field : ID_FIELDS) {
      JsonNode id = record.get(field);
      if (id != null && id.isValueNode() && !id.isNull()) return id.asText();
    }
    return null;
  }
}
