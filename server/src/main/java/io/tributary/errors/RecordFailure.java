package io.tributary.errors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record that failed a step, as the engine reports it: where, why, and the record as it entered
 * the step ({@code retryData}, null when the flow skips retries). {@code oIndex} is the record's
 * position in its page.
 */
public record RecordFailure(
    String flowId,
    String stepId,
    String flowJobId,
    String jobId,
    int oIndex,
    String source,
    String code,
    String message,
    String traceKey,
    JsonNode retryData,
    boolean retryable) {}
