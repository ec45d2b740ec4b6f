package io.tributary.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tributary.engine.RunObserver;
import io.tributary.jobs.JobStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.MDC;

/**
 * Spans from the engine's observer calls: a job span per flow job, a page span per page under it, a
 * step span per step of a page (lookup or import) under that, and a client span per request to a
 * connection under whatever is open on the thread making it (a source's requests sit under the
 * job). The job is found by the {@code jobId} the engine keeps in the MDC of every thread working
 * for it; pages and steps run on one thread, so the open ones are thread-local. Attributes hold ids
 * and counts, never record data.
 */
final class EngineTracer implements RunObserver {
  private final Tracer tracer;
  private final Map<String, Span> jobs = new ConcurrentHashMap<>();
  private final ThreadLocal<Span> page = new ThreadLocal<>();
  private final ThreadLocal<Span> step = new ThreadLocal<>();
  private final ThreadLocal<String> stepId = new ThreadLocal<>();

  EngineTracer(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void jobStarted(String type) {
    String jobId = MDC.get("jobId");
    if (jobId == null) return;
    Span span =
        tracer
            .spanBuilder("job " + type)
            .setNoParent()
            .setAttribute("tributary.job.id", jobId)
            .setAttribute("tributary.job.type", type)
            .setAttribute("tributary.flow.id", String.valueOf(MDC.get("flowId")))
            .startSpan();
    Span before = jobs.put(jobId, span);
    if (before != null) before.end();
  }

  @Override
  public void jobEnded(String type, JobStatus status) {
    Span span = job();
    if (span == null) return;
    span.setAttribute("tributary.job.status", status.name().toLowerCase(Locale.ROOT));
    if (status == JobStatus.FAILED) span.setStatus(StatusCode.ERROR, "the job failed");
  }

  @Override
  public void jobDone() {
    String jobId = MDC.get("jobId");
    Span span = jobId == null ? null : jobs.remove(jobId);
    if (span != null) span.end();
  }

  @Override
  public void pageStarted() {
    endOpen(step);
    endOpen(page);
    Span parent = job();
    if (parent == null) return;
    page.set(child("page", parent).startSpan());
  }

  @Override
  public void pageProcessed(long nanos) {
    endOpen(step);
    endOpen(page);
  }

  @Override
  public void stepStarted(String stepId) {
    endOpen(step);
    Span parent = page.get() != null ? page.get() : job();
    if (parent == null) return;
    step.set(child("step", parent).setAttribute("tributary.step.id", stepId).startSpan());
    this.stepId.set(stepId);
  }

  @Override
  public void stepRecords(String stepId, String kind, long success, long ignore, long error) {
    Span span = step.get();
    // The export step's records are reported too, with no step span open for them.
    if (span == null || !stepId.equals(this.stepId.get())) return;
    span.updateName("step " + kind);
    span.setAttribute("tributary.step.kind", kind);
    span.setAttribute("tributary.records.success", success);
    span.setAttribute("tributary.records.ignore", ignore);
    span.setAttribute("tributary.records.error", error);
    if (error > 0) span.setStatus(StatusCode.ERROR, error + " records failed");
    span.end();
    step.remove();
    this.stepId.remove();
  }

  @Override
  public void request(String connectionId, int status, long nanos) {
    Span parent = step.get() != null ? step.get() : page.get() != null ? page.get() : job();
    if (parent == null) return;
    Instant end = Instant.now();
    var b =
        child("request", parent)
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(end.minusNanos(nanos))
            .setAttribute("tributary.connection.id", connectionId);
    String stepId = MDC.get("stepId");
    if (stepId != null) b.setAttribute("tributary.step.id", stepId);
    if (status > 0) b.setAttribute("http.response.status_code", (long) status);
    Span span = b.startSpan();
    if (status == 0 || status >= 500)
      span.setStatus(StatusCode.ERROR, status == 0 ? "no answer" : "status " + status);
    span.end(end);
  }

  private io.opentelemetry.api.trace.SpanBuilder child(String name, Span parent) {
    return tracer.spanBuilder(name).setParent(Context.root().with(parent));
  }

  private Span job() {
    String jobId = MDC.get("jobId");
    return jobId == null ? null : jobs.get(jobId);
  }

  private static void endOpen(ThreadLocal<Span> open) {
    Span s = open.get();
    if (s != null) {
      s.end();
      open.remove();
    }
  }
}
