package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.jobs.Counts;
import io.tributary.jobs.Job;
import io.tributary.jobs.JobStore;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one running flow job: its plan, its child jobs, whether it must stop, and why it
 * failed if it did. Shared by the threads of parallel page generators.
 */
final class JobRun {
  private static final long CANCEL_CHECK_MILLIS = 200;
  final Job job;
  final RunPlan plan;
  final long startedAt;
  final Map<Integer, String> sourceJobs = new ConcurrentHashMap<>();
  final Map<Integer, String> stepJobs = new ConcurrentHashMap<>();
  private final JobStore jobs;
  private final JobCounters counters;
  private final Clock clock;
  private final AtomicReference<Failure> failure = new AtomicReference<>();
  private volatile boolean canceled;
  private volatile long checkedAt;

  final Request request;

  /** Why the job could not go on. */
  record Failure(String code, String message) {}

  /**
   * What the job was asked to do, as its document keeps it (a run request's window and params, a
   * retry's step), read once. The dates are epoch millis or null.
   */
  record Request(ObjectNode params, Long startDate, Long endDate, String retryStepId) {
    static Request of(ObjectNode doc) {
      return new Request(doc.path("params") instanceof ObjectNode p ? p : Json.object(),
          Times.parse(doc.path("startDate").asText(null)), Times.parse(doc.path("endDate").asText(null)),
          doc.path("_stepId").asText());
    }
  }

  JobRun(Job job, RunPlan plan, JobStore jobs, Clock clock) {
    this.job = job;
    this.plan = plan;
    this.jobs = jobs;
    this.counters = new JobCounters(jobs);
    this.clock = clock;
    this.startedAt = job.startedAt() != null ? job.startedAt() : clock.millis();
    this.request = Request.of(job.doc());
  }

  RunPlan.Flow flow() {
    return plan.flow();
  }

  /** True once the job was canceled or failed; checks the store at most every 200 ms. */
  boolean stopping() {
    if (canceled || failure.get() != null) return true;
    long now = clock.millis();
    if (now - checkedAt >= CANCEL_CHECK_MILLIS) {
      checkedAt = now;
      canceled = jobs.cancelRequested(job.id());
    }
    return canceled || failure.get() != null;
  }

  boolean canceled() {
    return canceled || jobs.cancelRequested(job.id());
  }

  void fail(String code, String message) {
    failure.compareAndSet(null, new Failure(code, message));
  }

  Failure failure() {
    return failure.get();
  }

  /** Adds to a child (step) job's counters. */
  void countStep(String childJobId, Counts c) {
    counters.add(childJobId, c);
  }

  /** Adds to the flow job's counters (records exported, ignored, failed, completed; pages). */
  void countFlow(Counts c) {
    counters.add(job.id(), c);
  }

  /** Writes every counter increment still in memory; after this they are written at once. */
  void closeCounters() {
    counters.close();
  }

  boolean skipRetries(RunPlan.Source source) {
    return plan.flow().skipRetries() || (source != null && source.skipRetries());
  }
}
