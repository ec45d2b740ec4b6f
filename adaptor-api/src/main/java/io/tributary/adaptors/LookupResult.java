package io.tributary.adaptors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a lookup found for one record: {@code data} (the records it returned) or its errors. */
public record LookupResult(List<JsonNode> data, List<RecordError> errors) {
  public boolean failed() {
    return !errors.isEmpty();
  }
}
