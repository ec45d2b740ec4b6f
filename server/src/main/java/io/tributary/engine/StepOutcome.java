package io.tributary.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.adaptors.RecordError;
import io.tributary.errors.RecordFailure;
import io.tributary.jobs.Counts;
import java.util.ArrayList;
import java.util.List;

/** What one step did to one page: its counters, its failures, the trace keys that succeeded. */
final class StepOutcome {
  private final JobRun run;
  private final String stepId;
  private final String childJobId;
  private final boolean proceedOnFailure;
  private final boolean keepRetryData;
  private final boolean keepSucceededKeys;
  final List<RecordFailure> failures = new ArrayList<>();
  final List<String> succeededTraceKeys = new ArrayList<>();
  long success;
  long ignore;

  StepOutcome(
      JobRun run,
      String stepId,
      String childJobId,
      boolean proceedOnFailure,
      boolean keepRetryData) {
    this.run = run;
    this.keepSucceededKeys = run.flow().autoResolveMatchingTraceKeys();
    this.stepId = stepId;
    this.childJobId = childJobId;
    this.proceedOnFailure = proceedOnFailure;
    this.keepRetryData = keepRetryData;
  }

  /**
   * Records the failure of an item at this step; {@code entered} is the record as it entered it.
   */
  void fail(Item item, JsonNode entered, TraceKeys.Lazy traceKey, RecordError error) {
    failures.add(
        new RecordFailure(
            run.job.flowId(),
            stepId,
            run.job.id(),
            childJobId,
            item.index,
            error.source(),
            error.code(),
            error.message(),
            traceKey.get(),
            keepRetryData ? entered : null,
            error.retryable()));
    item.failed = true;
    if (!proceedOnFailure) item.halted = true;
  }

  /**
   * Counts a success; its trace key is kept only where the flow auto-resolves errors by trace key.
   */
  void succeed(TraceKeys.Lazy traceKey) {
    success++;
    if (!keepSucceededKeys) return;
    String key = traceKey.get();
    if (key != null) succeededTraceKeys.add(key);
  }

  Counts counts() {
    return new Counts(success, failures.size(), ignore, 0, 0, 0);
  }

  String childJobId() {
    return childJobId;
  }

  String stepId() {
    return stepId;
  }
}
