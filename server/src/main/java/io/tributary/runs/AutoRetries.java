package io.tributary.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.Problem;
import io.tributary.errors.ErrorActions;
import io.tributary.web.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Beyond integrator.io: transient failures (timeouts, 429, 5xx) retried by themselves on a back-off
 * schedule set per flow ({@code "autoRetry": {"enabled": true, "maxAttempts": 3, "backoffSeconds":
 * 60}}, off by default). Attempt n waits backoff × 2^n after the last failure; each attempt is a
 * retry job, and the error that follows it carries {@code attempts} and {@code retryOf}.
 */
public final class AutoRetries {
  private static final int BATCH = 1000;
  private final ErrorActions errors;
  private final RunService runs;

  public AutoRetries(ErrorActions errors, RunService runs) {
    this.errors = errors;
    this.runs = runs;
  }

  public void check(JsonNode flow, Instant now) {
    JsonNode config = flow.path("autoRetry");
    if (!config.path("enabled").asBoolean(false) || flow.path("disabled").asBoolean(false)) return;
    int max = config.path("maxAttempts").asInt(3);
    long backoff = config.path("backoffSeconds").asLong(60) * 1000;
    String flowId = flow.get("_id").asText();
    Map<String, List<String>> dueByStep = new LinkedHashMap<>();
    for (Object[] c : errors.autoRetryCandidates(flowId, max, BATCH)) {
      int attempts = (Integer) c[2];
      long due = (Long) c[3] + backoff * (1L << Math.min(attempts, 20));
      if (due <= now.toEpochMilli())
        dueByStep.computeIfAbsent((String) c[1], k -> new ArrayList<>()).add((String) c[0]);
    }
    dueByStep.forEach(
        (step, ids) -> {
          try {
            runs.retry(flowId, step, ids, Actor.system());
          } catch (Problem raced) {
            // Another retry took them first: they are being replayed already.
          }
        });
  }
}
