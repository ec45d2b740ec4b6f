package io.tributary.adaptors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * integrator.io's per-record import result: {@code statusCode} 200 for success, 422 for a data
 * error, 401/403 when the connection was refused; {@code id} of the target record; {@code _json}
 * the target's whole response.
 */
public record SubmitResult(
    int statusCode, String id, boolean ignored, List<RecordError> errors, JsonNode json) {
  public boolean failed() {
    return !errors.isEmpty();
  }

  public static SubmitResult success(String id, JsonNode json) {
    return new SubmitResult(200, id, false, List.of(), json);
  }

  public static SubmitResult failure(int statusCode, RecordError error, JsonNode json) {
    return new SubmitResult(statusCode, null, false, List.of(error), json);
  }
}
