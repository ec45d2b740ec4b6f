package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.PageSource;
import io.tributary.errors.ErrorActions;
import io.tributary.jobs.Job;
import io.tributary.jobs.JobStatus;
import io.tributary.jobs.JobStore;
import io.tributary.resources.Times;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one flow job to its end: plans it, creates its child jobs, pulls each source page by page
 * through the {@link PagePipeline}, then records the delta mark and starts chained flows.
 */
public final class FlowRunner {
  private static final Logger LOG = LoggerFactory.getLogger(FlowRunner.class);
  private static final int MAX_PAGES_IN_FLIGHT = 16;
  private static final int RETRY_PAGE = 20;
  private final RunPlanner planner;
  private final JobStore jobs;
  private final DeltaStore delta;
  private final PagePipeline pipeline;
  private final StepContexts contexts;
  private final io.tributary.adaptors.Templating templating;
  private final OfflineMarker offline;
  private final Chainer chainer;
  private final JobSignals signals;
  private final ErrorActions errors;
  private final Clock clock;

  /** Marks a connection offline when its credentials were refused. */
  public interface OfflineMarker {
    void markOffline(String connectionId, String reason);
  }

  /** Starts the flows a completed flow names in {@code _runNextFlowIds} (D16). */
  public interface Chainer {
    void runNext(String flowId, List<String> nextFlowIds);
  }

  FlowRunner(RunPlanner planner, JobStore jobs, DeltaStore delta, PagePipeline pipeline, StepContexts contexts,
      io.tributary.adaptors.Templating templating, OfflineMarker offline, Chainer chainer, JobSignals signals, ErrorActions errors, Clock clock) {
    this.planner = planner;
    this.jobs = jobs;
    this.delta = delta;
    this.pipeline = pipeline;
    this.contexts = contexts;
    this.templating = templating;
    this.offline = offline;
    this.chainer = chainer;
    this.signals = signals;
    this.errors = errors;
    this.clock = clock;
  }

  public void run(String flowJobId) {
    Optional<Job> loaded = jobs.get(flowJobId);
    if (loaded.isEmpty()) return;
    Job job = loaded.get();
    MDC.put("flowId", job.flowId());
    MDC.put("jobId", job.id());
    try {
      RunPlan plan;
      Prepared prepared;
      try {
        plan = planner.plan(job.flowId(), new HashSet<>(exportIds(job)));
        prepared = Prepared.of(plan, templating);
      } catch (RunPlanner.PlanException e) {
        jobs.finish(job.id(), JobStatus.FAILED, failure("invalid_flow", e.getMessage()));
        signals.ended(job.id());
        return;
      }
      JobRun run;
      try {
        run = new JobRun(job, plan, jobs, clock);
      } catch (RuntimeException e) { // an adaptor refused to open its job session
        jobs.finish(job.id(), JobStatus.FAILED, failure("adaptor_failed", "An adaptor could not start the job: " + e.getMessage()));
        signals.ended(job.id());
        return;
      }
      boolean ended = false;
      try {
        if (job.type().equals("retry")) {
          replay(run, prepared);
        } else {
          createChildren(run, plan.sources(), 0);
          runSources(run, prepared);
        }
        endSessions(run, run.outcome());
        ended = true;
      } finally {
        if (!ended) endSessions(run, io.tributary.adaptors.JobSession.Outcome.FAILED);
        run.closeCounters(); // before the job is marked ended, and also when the run ended abnormally
        run.closeSessions();
      }
      finish(run);
    } finally {
      MDC.clear();
    }
  }

  /** The job's adaptors make their work final (or let it go); a failure to do so fails a completed job. */
  private void endSessions(JobRun run, io.tributary.adaptors.JobSession.Outcome outcome) {
    AdaptorException e = run.sessions.end(outcome);
    if (e == null || outcome != io.tributary.adaptors.JobSession.Outcome.COMPLETED) return;
    // A session spans the job's connections of one adaptor, so a refusal here names no single connection to take offline.
    run.fail(e.code() == null ? "job_end_failed" : e.code(), e.getMessage());
  }

  private static List<String> exportIds(Job job) {
    List<String> ids = new ArrayList<>();
    job.doc().path("_exportIds").forEach(n -> ids.add(n.asText()));
    return ids;
  }

  private void createChildren(JobRun run, List<RunPlan.Source> sources, int firstStep) {
    for (RunPlan.Source s : sources) {
      run.sourceJobs.put(s.index(), child(run, "export", s.endpoint().resourceId(), null, s.index()));
    }
    for (RunPlan.Step s : run.plan.steps().subList(firstStep, run.plan.steps().size())) {
      String exportId = s.lookup() ? s.stepId() : null;
      String importId = s.lookup() ? null : s.stepId();
      run.stepJobs.put(s.index(), child(run, s.lookup() ? "export" : "import", exportId, importId, s.index()));
    }
  }

  private String child(JobRun run, String type, String exportId, String importId, int oIndex) {
    ObjectNode doc = Json.object().put("oIndex", oIndex).put("retriable", false);
    return jobs.create(new JobStore.NewJob(type, run.job.flowId(), run.job.integrationId(), run.job.id(), exportId, importId,
        JobStatus.RUNNING, doc));
  }

  private void runSources(JobRun run, Prepared prepared) {
    boolean parallel = run.flow().path("runPageGeneratorsInParallel").asBoolean(false) && run.plan.sources().size() > 1;
    if (!parallel) {
      for (RunPlan.Source s : run.plan.sources()) {
        if (run.stopping()) break;
        runSource(run, prepared, s);
      }
      return;
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      for (RunPlan.Source s : run.plan.sources()) running.add(pool.submit(() -> runSource(run, prepared, s)));
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (Exception e) {
          run.fail("internal_error", "A page generator ended abnormally: " + e.getMessage());
        }
      }
    }
  }

  private void runSource(JobRun run, Prepared prepared, RunPlan.Source source) {
    String childId = run.sourceJobs.get(source.index());
    if (source.endpoint().adaptor() == null) {
      run.fail("not_runnable", "Export " + source.endpoint().resourceId() + " has no connection: a listener feeds it, it cannot be run.");
      return;
    }
    long lastExportAt = lastExportAt(run, source);
    try (PageSource pages = source.endpoint().adaptor().export(contexts.forSource(run, source, lastExportAt))) {
      pump(run, prepared, source, pages, lastExportAt);
    } catch (AdaptorException e) {
      if (e.code() != null && e.code().equals("canceled") && run.stopping()) return;
      if (e.kind() == AdaptorException.Kind.AUTH) markOffline(source.endpoint(), e);
      run.fail(e.code() == null ? "source_failed" : e.code(), e.getMessage());
      LOG.warn("flow job {}: source {} failed: {}", run.job.id(), source.endpoint().resourceId(), e.getMessage());
    } catch (RuntimeException e) {
      run.fail("internal_error", "The run stopped on an unexpected error: " + e.getMessage());
      LOG.error("flow job {}: unexpected failure", run.job.id(), e);
    } finally {
      jobs.mergeDoc(childId, Json.object().put("doneExporting", true));
    }
  }

  /**
   * Pulls pages on this thread and processes up to {@link #pagesInFlight} of them at once on
   * virtual threads: the connections' slots, not the page loop, bound the requests in flight, and
   * memory holds at most that many pages.
   */
  private void pump(JobRun run, Prepared prepared, RunPlan.Source source, PageSource pages, long lastExportAt) {
    Semaphore inFlight = new Semaphore(pagesInFlight(run));
    List<Future<?>> running = new ArrayList<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      while (!run.stopping()) {
        Optional<List<ObjectNode>> page = pages.next();
        pipeline.sourceErrors(run, source, pages.takeErrors());
        if (page.isEmpty()) break;
        inFlight.acquireUninterruptibly();
        running.add(workers.submit(() -> {
          try {
            List<ObjectNode> done = pipeline.process(run, prepared, source, page.get(), lastExportAt);
            if ("once".equals(source.endpoint().resource().path("type").asText()) && !done.isEmpty()) {
              source.endpoint().adaptor().pageDone(contexts.forSource(run, source, lastExportAt), done);
            }
          } catch (AdaptorException e) {
            if (e.kind() == AdaptorException.Kind.AUTH) markOffline(source.endpoint(), e);
            run.fail(e.code() == null ? "step_failed" : e.code(), e.getMessage());
          } catch (RuntimeException e) {
            LOG.error("flow job {}: a page failed unexpectedly", run.job.id(), e);
            run.fail("internal_error", "The run stopped on an unexpected error: " + e.getMessage());
          } finally {
            inFlight.release();
          }
        }));
        running.removeIf(Future::isDone);
      }
    }
  }

  static int pagesInFlight(JobRun run) {
    int level = MAX_PAGES_IN_FLIGHT;
    for (RunPlan.Step s : run.plan.steps()) {
      if (s.endpoint().connection() != null) level = Math.min(level, ConnectionThrottles.level(s.endpoint().connection(), s.endpoint().adaptor()));
    }
    return Math.max(1, level);
  }

  /**
   * A retry job: replays the claimed records of one step, from that step onward, through the flow
   * as it is now. Each replayed record's old error is resolved as retried; a record that fails
   * again gets a fresh error.
   */
  private void replay(JobRun run, Prepared prepared) {
    String stepId = run.job.doc().path("_stepId").asText();
    RunPlan.Source source = run.plan.sources().stream().filter(s -> s.endpoint().resourceId().equals(stepId)).findFirst().orElse(null);
    int first = 0;
    while (source == null && first < run.plan.steps().size() && !run.plan.steps().get(first).stepId().equals(stepId)) first++;
    if (source == null && first == run.plan.steps().size()) {
      run.fail("invalid_step", "Step " + stepId + " is no longer part of this flow.");
      return;
    }
    createChildren(run, source == null ? List.of() : List.of(source), first);
    List<ErrorActions.RetryTarget> targets = errors.claimedBy(run.job.id());
    long lastExportAt = Contexts.currentExportAt(run);
    for (int from = 0; from < targets.size() && !run.stopping(); from += RETRY_PAGE) {
      List<ErrorActions.RetryTarget> chunk = targets.subList(from, Math.min(targets.size(), from + RETRY_PAGE));
      List<ObjectNode> records = chunk.stream().map(t -> t.data() instanceof ObjectNode o ? o : Json.object()).toList();
      try {
        pipeline.replay(run, prepared, source, records, first, lastExportAt);
      } catch (AdaptorException e) {
        if (e.kind() == AdaptorException.Kind.AUTH) markOffline(source == null ? null : source.endpoint(), e);
        run.fail(e.code() == null ? "step_failed" : e.code(), e.getMessage());
      }
      errors.carryAttempts(run.job.id(), chunk);
      errors.resolveRetried(chunk.stream().map(ErrorActions.RetryTarget::errorId).toList());
    }
  }

  /**
   * Takes offline the one connection whose credentials were refused: the failing step's (carried by
   * {@link RefusedCredentials}), else the source's that was being read.
   */
  private void markOffline(RunPlan.Endpoint source, AdaptorException e) {
    String connectionId = e instanceof RefusedCredentials r ? r.connectionId() : source == null ? null : source.connectionId();
    if (connectionId != null && e.getMessage() != null) offline.markOffline(connectionId, e.getMessage());
  }

  private long lastExportAt(JobRun run, RunPlan.Source source) {
    Long start = Times.parse(run.job.doc().path("startDate").asText(null));
    if (start != null) return start;
    Optional<Long> stored = delta.lastExportAt(run.job.flowId(), source.endpoint().resourceId());
    if (stored.isPresent()) return stored.get();
    Long configured = Times.parse(source.endpoint().resource().path("delta").path("startDate").asText(null));
    return configured != null ? configured : 0L;
  }

  private void finish(JobRun run) {
    JobStatus status;
    ObjectNode extra = Json.object().put("doneExporting", true);
    if (run.failure() != null) {
      status = JobStatus.FAILED;
      extra.setAll(failure(run.failure().code(), run.failure().message()));
    } else if (run.canceled()) {
      status = JobStatus.CANCELED;
    } else {
      status = JobStatus.COMPLETED;
    }
    for (String child : run.sourceJobs.values()) jobs.finish(child, status, null);
    for (String child : run.stepJobs.values()) jobs.finish(child, status, null);
    boolean ended = jobs.finish(run.job.id(), status, extra);
    if (run.job.type().equals("retry")) errors.release(run.job.id());
    boolean completed = ended && status == JobStatus.COMPLETED && !run.job.type().equals("retry");
    if (completed) { // before waiters hear of the end: a client that waited for the run reads the new mark
      long current = Contexts.currentExportAt(run);
      for (RunPlan.Source s : run.plan.sources()) delta.set(run.job.flowId(), s.endpoint().resourceId(), current);
    }
    signals.ended(run.job.id());
    if (completed) {
      List<String> next = new ArrayList<>();
      run.flow().path("_runNextFlowIds").forEach(n -> next.add(n.asText()));
      if (!next.isEmpty()) chainer.runNext(run.job.flowId(), next);
    }
  }

  private static ObjectNode failure(String code, String message) {
    ObjectNode extra = Json.object();
    extra.putArray("errors").addObject().put("code", code).put("message", message);
    return extra;
  }
}
