package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.adaptors.AdaptorException;
import io.tributary.adaptors.PageSource;
import io.tributary.errors.ErrorActions;
import io.tributary.jobs.CheckpointStore;
import io.tributary.jobs.Job;
import io.tributary.jobs.JobStatus;
import io.tributary.jobs.JobStore;
import io.tributary.jobs.JobType;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
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
  private final CheckpointStore checkpointStore;
  private final DeltaStore delta;
  private final PagePipeline pipeline;
  private final StepContexts contexts;
  private final io.tributary.adaptors.Templating templating;
  private final OfflineMarker offline;
  private final Chainer chainer;
  private final ErrorActions errors;
  private final Clock clock;
  private final Abandoned abandoned;
  private final RunObserver observer;
  private final Listeners listeners;
  private final String node;
  private final boolean pageCheckpoints;
  private final java.util.Set<JobRun> active = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Marks a connection offline when its credentials were refused. */
  public interface OfflineMarker {
    void markOffline(String connectionId, String reason);
  }

  /**
   * Hears of a job abandoned after a cancel (a stuck adaptor call): waiters are told, the flow's
   * next job may start.
   */
  public interface Abandoned {
    void abandoned(String flowId, String jobId);
  }

  /** Starts the flows a completed flow names in {@code _runNextFlowIds} (D16). */
  public interface Chainer {
    void runNext(String flowId, List<String> nextFlowIds);
  }

  FlowRunner(
      RunPlanner planner,
      JobStore jobs,
      CheckpointStore checkpointStore,
      DeltaStore delta,
      PagePipeline pipeline,
      StepContexts contexts,
      io.tributary.adaptors.Templating templating,
      OfflineMarker offline,
      Chainer chainer,
      ErrorActions errors,
      Clock clock,
      Abandoned abandoned,
      RunObserver observer,
      Listeners listeners,
      String node,
      boolean pageCheckpoints) {
    this.listeners = listeners;
    this.node = node;
    this.pageCheckpoints = pageCheckpoints;
    this.abandoned = abandoned;
    this.planner = planner;
    this.jobs = jobs;
    this.checkpointStore = checkpointStore;
    this.delta = delta;
    this.pipeline = pipeline;
    this.contexts = contexts;
    this.templating = templating;
    this.offline = offline;
    this.chainer = chainer;
    this.errors = errors;
    this.clock = clock;
    this.observer = observer;
  }

  public void run(String flowJobId) {
    // Before the checkpoint is read: the earlier run's last writes are in it.
    if (!stopEarlierRun(flowJobId)) {
      LOG.warn(
          "an earlier run of job {} here did not stop; the job goes back to the queue", flowJobId);
      if (node != null) jobs.release(flowJobId, node);
      return;
    }
    Optional<CheckpointStore.Resumable> loaded = checkpointStore.load(flowJobId);
    if (loaded.isEmpty()) return;
    Job job = loaded.get().job();
    JobRun current = null;
    MDC.put(LogContext.FLOW, job.flowId());
    MDC.put(LogContext.JOB, job.id());
    LOG.info("{} job started", job.type().wire());
    observer.jobStarted(job.type().wire());
    try {
      RunPlan plan;
      Prepared prepared;
      try {
        plan = planner.plan(job.flowId(), new HashSet<>(exportIds(job)));
        prepared = Prepared.of(plan, templating, pipeline.hooks());
        RouterWalk.check(plan, pipeline.hooks());
      } catch (RunPlanner.PlanException e) {
        LOG.warn("the flow cannot run: {}", e.getMessage());
        jobs.finish(job.id(), JobStatus.FAILED, failure("invalid_flow", e.getMessage()));
        observer.jobEnded(job.type().wire(), JobStatus.FAILED);
        return;
      } catch (Throwable e) {
        LOG.error("flow job {}: could not plan the run", job.id(), e);
        jobs.finish(
            job.id(),
            JobStatus.FAILED,
            failure("invalid_flow", "The flow could not be prepared: " + Throwables.describe(e)));
        observer.jobEnded(job.type().wire(), JobStatus.FAILED);
        return;
      }
      JobRun run;
      try {
        run = new JobRun(job, plan, jobs, clock, node);
      } catch (RuntimeException e) { // an adaptor refused to open its job session
        jobs.finish(
            job.id(),
            JobStatus.FAILED,
            failure("adaptor_failed", "An adaptor could not start the job: " + e.getMessage()));
        observer.jobEnded(job.type().wire(), JobStatus.FAILED);
        return;
      }
      Checkpoints checkpoints =
          pageCheckpoints
              ? new Checkpoints(checkpointStore, run, loaded.get().checkpoint())
              : Checkpoints.inMemory(checkpointStore, run);
      boolean whole = false; // every source used up (or every claimed error replayed)
      active.add(run); // until the job is ended or handed over: a stopping node waits for that
      current = run;
      try (CancelWatch watch = new CancelWatch(run, jobs, () -> abandon(run))) {
        if (checkpoints.resumed())
          LOG.info("{} job resumed from its checkpoint", job.type().wire());
        if (job.type() == JobType.RETRY) {
          whole = replay(run, prepared, checkpoints);
        } else {
          if (!checkpoints.restoreChildren())
            checkpoints.children(createChildren(run, plan.sources(), plan.steps()));
          restartUnresumable(run, checkpoints);
          whole = runSources(run, prepared, checkpoints);
        }
      } catch (JobRun.Canceled e) {
        // ends as canceled below
      } catch (Throwable e) { // whatever it was, the job ends failed and says why
        unexpected(run, e);
      }
      if (run.isLost()
          || (run.handingOver() && !whole && run.failure() == null && !run.canceled())) {
        handOver(run);
        return;
      }
      try {
        // Completed, failed or canceled as the run stands: staged work is made final or let go.
        endSessions(run, run.outcome(), prepared);
        run.countNow(checkpoints.leftover());
        run.closeCounters(); // before the job is marked ended, also when the run ended abnormally
        run.closeSessions();
      } catch (Throwable e) {
        run.closeSessions();
        throw e;
      }
      if (node != null && !jobs.ownedBy(job.id(), node)) {
        LOG.warn("{} job was taken over by another node; this run ends nothing", job.type().wire());
        return;
      }
      finish(run);
    } finally {
      if (current != null) active.remove(current);
      observer.jobDone();
      MDC.clear();
    }
  }

  /**
   * This node claimed a job that an earlier run of it here still runs: the node was taken for dead
   * (a long pause), another node's sweep put its job back in the queue, and this node claimed it
   * again. The owner column names this node for both runs, so it no longer fences the earlier one;
   * that run is stopped here as if another node had taken the job, and the new run starts only once
   * it has (its pages in flight end, its last checkpoint write is done), so that it reads the
   * checkpoint after that run's last write and counts each record once. Answers false when the
   * earlier run did not stop within 30 s.
   */
  private boolean stopEarlierRun(String jobId) {
    JobRun earlier = null;
    for (JobRun r : active) if (r.job.id().equals(jobId)) earlier = r;
    if (earlier == null) return true;
    LOG.warn(
        "this node claimed the job again while an earlier run of it here goes on: stopping it");
    earlier.lost();
    long deadline = System.currentTimeMillis() + 30_000;
    while (active.contains(earlier) && System.currentTimeMillis() < deadline) sleep(50);
    return !active.contains(earlier);
  }

  /**
   * The node stops (or lost the job): what the job's pages counted up to its checkpoint is written,
   * the rest is dropped, and the job goes back to the queue for any node to resume.
   */
  private void handOver(JobRun run) {
    run.closeCounters(); // counts made outside pages (a source's errors) stand
    run.sessions.handOver(); // staged work is not made final here: the resumed run makes it again
    run.closeSessions();
    if (run.isLost()) {
      LOG.warn("{} job is run by another node now; this node stopped it", run.job.type().wire());
      return;
    }
    if (jobs.release(run.job.id(), node))
      LOG.info("{} job handed over at its checkpoint", run.job.type().wire());
  }

  /**
   * The job's flow jobs of this node, asked to stop at their next page boundary and be handed over
   * (the node stops). Waits for them up to {@code graceMillis}; then their calls in flight are
   * interrupted (those pages will run again) and it waits a few seconds more for them to release.
   */
  void handOverAll(long graceMillis) {
    active.forEach(JobRun::handOver);
    long deadline = System.currentTimeMillis() + graceMillis;
    while (!active.isEmpty() && System.currentTimeMillis() < deadline) sleep(100);
    active.forEach(JobRun::abort);
    long after = System.currentTimeMillis() + 5_000;
    while (!active.isEmpty() && System.currentTimeMillis() < after) sleep(100);
  }

  /** Flow jobs running on this node now. */
  int running() {
    return active.size();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A resumed job whose source cannot say where it stood, or whose steps had staged work that
   * cannot be carried on (files written under temporary names), starts its sources over: its
   * counters are zeroed so that records are still counted once, and its document says so.
   */
  private void restartUnresumable(JobRun run, Checkpoints checkpoints) {
    if (!checkpoints.resumed()) return;
    String source = checkpoints.unresumable(run.plan);
    if (source == null && !checkpoints.staged()) return;
    String why =
        "The job was resumed on another node or after a restart, but "
            + (source != null
                ? "source " + source + " cannot resume where it stood"
                : "its imports had written files that a resumed run cannot add to")
            + ": its sources ran again from the beginning.";
    LOG.warn(why);
    jobs.resetCounters(run.job.id());
    checkpoints.restart();
    jobs.mergeDoc(run.job.id(), Json.object().put("restartedFromBeginning", why));
  }

  /**
   * The job's adaptors make their work final (or let it go); a failure to do so fails a completed
   * job.
   */
  private void endSessions(
      JobRun run, io.tributary.adaptors.JobSession.Outcome outcome, Prepared prepared) {
    AdaptorException e = run.sessions.end(outcome);
    pipeline.hooks().postAggregate(run, prepared, outcome, e);
    if (e == null || outcome != io.tributary.adaptors.JobSession.Outcome.COMPLETED) return;
    // A session spans the job's connections of one adaptor, so a refusal here names no single
    // connection to take offline.
    run.fail(e.code() == null ? "job_end_failed" : e.code(), e.getMessage());
  }

  private static List<String> exportIds(Job job) {
    List<String> ids = new ArrayList<>();
    job.doc().path("_exportIds").forEach(n -> ids.add(n.asText()));
    return ids;
  }

  /** The job's child jobs, one per source and step, their ids known to the run; not created yet. */
  private List<CheckpointStore.NewChild> createChildren(
      JobRun run, List<RunPlan.Source> sources, List<RunPlan.Step> steps) {
    List<CheckpointStore.NewChild> children = new ArrayList<>();
    for (RunPlan.Source s : sources) {
      CheckpointStore.NewChild c =
          child(run, JobType.EXPORT, s.endpoint().resourceId(), null, s.index());
      run.sourceJobs.put(s.index(), c.id());
      children.add(c);
    }
    for (RunPlan.Step s : steps) {
      String exportId = s.lookup() ? s.stepId() : null;
      String importId = s.lookup() ? null : s.stepId();
      CheckpointStore.NewChild c =
          child(run, s.lookup() ? JobType.EXPORT : JobType.IMPORT, exportId, importId, s.index());
      run.stepJobs.put(s.index(), c.id());
      children.add(c);
    }
    return children;
  }

  private CheckpointStore.NewChild child(
      JobRun run, JobType type, String exportId, String importId, int oIndex) {
    ObjectNode doc = Json.object().put("oIndex", oIndex).put("retriable", false);
    return new CheckpointStore.NewChild(
        checkpointStore.newId(),
        new JobStore.NewJob(
            type,
            run.job.flowId(),
            run.job.integrationId(),
            run.job.id(),
            exportId,
            importId,
            JobStatus.RUNNING,
            doc));
  }

  /** Answers whether every source was used up, each of its pages checkpointed. */
  private boolean runSources(JobRun run, Prepared prepared, Checkpoints checkpoints) {
    boolean parallel = run.flow().runPageGeneratorsInParallel() && run.plan.sources().size() > 1;
    if (!parallel) {
      for (RunPlan.Source s : run.plan.sources()) {
        if (run.stopping()) break;
        runSource(run, prepared, s, checkpoints);
      }
    } else {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> running = new ArrayList<>();
        for (RunPlan.Source s : run.plan.sources())
          running.add(
              pool.submit(LogContext.carried(() -> runSource(run, prepared, s, checkpoints))));
        running.forEach(f -> settle(run, f));
      }
    }
    return run.plan.sources().stream().allMatch(s -> checkpoints.done(s.index()));
  }

  /**
   * One source's pages through the flow; every line logged meanwhile (failures too) names the
   * source as stepId.
   */
  private void runSource(
      JobRun run, Prepared prepared, RunPlan.Source source, Checkpoints checkpoints) {
    try (LogContext.Scope step = LogContext.step(source.endpoint().resourceId())) {
      exportFrom(run, prepared, source, checkpoints);
    }
  }

  private void exportFrom(
      JobRun run, Prepared prepared, RunPlan.Source source, Checkpoints checkpoints) {
    String childId = run.sourceJobs.get(source.index());
    if (checkpoints.done(source.index())) return; // a resumed job: read before the hand-over
    Listeners.Feed feed =
        source.endpoint().adaptor() != null
            ? null
            : listeners.open(
                run.job.flowId(),
                source.endpoint().resourceId(),
                source.endpoint().resource(),
                run.job.id());
    if (source.endpoint().adaptor() == null && feed == null) {
      run.fail(
          "not_runnable",
          "Export "
              + source.endpoint().resourceId()
              + " has no connection: a listener feeds it, it cannot be run.");
      return;
    }
    long lastExportAt = checkpoints.lastExportAt(source.index(), () -> lastExportAt(run, source));
    boolean whole = false;
    try (PageSource pages =
        feed != null
            ? feed
            : run.adaptorCall(
                () ->
                    source
                        .endpoint()
                        .adaptor()
                        .export(contexts.forSource(run, source, lastExportAt)))) {
      // A once export marks what it delivered: opened again, it answers only the rest.
      ObjectNode position = source.once() ? null : checkpoints.position(source.index());
      if (position != null)
        run.adaptorCall(
            () -> {
              pages.resume(position);
              return null;
            });
      long last = pump(run, prepared, source, pages, lastExportAt, checkpoints);
      if (last >= 0) checkpoints.sourceDone(source.index(), last, source.once());
      whole = last >= 0;
    } catch (JobRun.Canceled e) {
      // the job ends as canceled
    } catch (AdaptorException e) {
      if (e.kind() == AdaptorException.Kind.CANCELED && run.stopping()) return;
      if (e.kind() == AdaptorException.Kind.AUTH) markOffline(source.endpoint(), e);
      run.fail(e.code() == null ? "source_failed" : e.code(), e.getMessage());
      LOG.warn(
          "flow job {}: source {} failed: {}",
          run.job.id(),
          source.endpoint().resourceId(),
          e.getMessage());
    } catch (Throwable e) {
      unexpected(run, e);
    } finally {
      if (whole || !run.handingOver())
        jobs.mergeDoc(childId, Json.object().put("doneExporting", true));
    }
  }

  /**
   * Pulls pages on this thread and processes up to {@link #pagesInFlight} of them at once on
   * virtual threads: the connections' slots, not the page loop, bound the requests in flight, and
   * memory holds at most that many pages. Every page's future is read: what a page task threw fails
   * the job with its message.
   */
  private long pump(
      JobRun run,
      Prepared prepared,
      RunPlan.Source source,
      PageSource pages,
      long lastExportAt,
      Checkpoints checkpoints) {
    // A preSavePage hook sees the pages in order, one at a time: its abort must stop the next one.
    boolean ordered = prepared.sources().get(source.index()).preSavePage() != null;
    int window = ordered ? 1 : pagesInFlight(run);
    Semaphore inFlight = new Semaphore(window);
    List<Future<?>> running = new ArrayList<>();
    long seq = checkpoints.pages(source.index());
    long last = -1;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      int pageCount = 0;
      while (!run.stopping() && !run.aborted(source.index())) {
        checkpoints.awaitWindow(source.index(), seq, window, run);
        if (run.stopping()) break;
        Optional<List<ObjectNode>> page = run.adaptorCall(pages::next);
        pipeline.sourceErrors(run, source, pages.takeErrors());
        if (page.isEmpty()) {
          last = seq;
          break;
        }
        ObjectNode position = source.once() ? null : pages.position();
        long number = ++seq;
        int pageIndex = pageCount++;
        inFlight.acquireUninterruptibly();
        if (run.aborted(source.index())) { // a preSavePage hook ended the export meanwhile
          inFlight.release();
          break;
        }
        running.add(
            workers.submit(
                LogContext.carried(
                    () -> {
                      boolean through = false;
                      run.beginPage();
                      try {
                        List<ObjectNode> done =
                            pipeline.process(
                                run, prepared, source, page.get(), lastExportAt, pageIndex);
                        // A job that failed meanwhile may have skipped steps of this page.
                        if (pages instanceof Listeners.Feed feed && run.failure() == null)
                          feed.pageDone(page.get());
                        if (source.once() && !done.isEmpty()) {
                          run.adaptorCall(
                              () -> {
                                source
                                    .endpoint()
                                    .adaptor()
                                    .pageDone(contexts.forSource(run, source, lastExportAt), done);
                                return null;
                              });
                        }
                        through =
                            run.failure()
                                == null; // else the job fails: its pages count as they went
                      } catch (JobRun.Canceled e) {
                        // the page stops here; the job ends as canceled
                      } catch (AdaptorException e) {
                        if (e.kind() == AdaptorException.Kind.AUTH)
                          markOffline(source.endpoint(), e);
                        run.fail(e.code() == null ? "step_failed" : e.code(), e.getMessage());
                      } catch (Throwable e) {
                        unexpected(run, e);
                      } finally {
                        java.util.Map<String, io.tributary.jobs.Counts> counts = run.endPage();
                        try {
                          if (through)
                            checkpoints.pageDone(source.index(), number, position, counts);
                          else if (!run.handingOver())
                            run.countNow(counts); // the job ends here: what the page did stands
                        } catch (Throwable e) {
                          unexpected(run, e);
                        } finally {
                          inFlight.release();
                        }
                      }
                    })));
        running.removeIf(f -> f.isDone() && settle(run, f));
      }
    } finally {
      running.forEach(f -> settle(run, f)); // the executor's close waited for them all
    }
    return last;
  }

  /** Reads a finished task's outcome; a throwable that escaped it fails the job. Answers true. */
  private boolean settle(JobRun run, Future<?> f) {
    try {
      f.get();
    } catch (ExecutionException e) {
      unexpected(run, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      run.fail("interrupted", "The run was interrupted.");
    } catch (CancellationException e) {
      run.fail("interrupted", "A page of the run was abandoned.");
    }
    return true;
  }

  private void unexpected(JobRun run, Throwable e) {
    LOG.error("flow job {}: the run stopped on an unexpected error", run.job.id(), e);
    run.fail("internal_error", "The run stopped on an unexpected error: " + Throwables.describe(e));
  }

  static int pagesInFlight(JobRun run) {
    int level = MAX_PAGES_IN_FLIGHT;
    for (RunPlan.Step s : run.plan.steps()) {
      if (s.endpoint().connection() != null)
        level = Math.min(level, s.endpoint().concurrencyLevel());
    }
    return Math.max(1, level);
  }

  /**
   * A retry job: replays the claimed records of one step, from that step onward, through the flow
   * as it is now. Each replayed record's old error is resolved as retried; a record that fails
   * again gets a fresh error.
   */
  private boolean replay(JobRun run, Prepared prepared, Checkpoints checkpoints) {
    String stepId = run.request.retryStepId();
    RunPlan.Source source =
        run.plan.sources().stream()
            .filter(s -> s.endpoint().resourceId().equals(stepId))
            .findFirst()
            .orElse(null);
    int first = 0;
    while (source == null
        && first < run.plan.steps().size()
        && !run.plan.steps().get(first).stepId().equals(stepId)) first++;
    int router = routerIndex(run.plan, stepId);
    if (source == null && first == run.plan.steps().size() && router < 0) {
      run.fail("invalid_step", "Step " + stepId + " is no longer part of this flow.");
      return true;
    }
    if (!checkpoints.restoreChildren())
      checkpoints.children(
          createChildren(
              run,
              source == null ? List.of() : List.of(source),
              retried(run, source, first, router)));
    if (checkpoints.resumed() && checkpoints.staged()) {
      // The chunks done before wrote files the stopped run removed: every record is replayed.
      String why =
          "The retry was resumed on another node or after a restart, but its imports had written"
              + " files that a resumed run cannot add to: every record was replayed.";
      LOG.warn(why);
      errors.reopenRetried(run.job.id());
      jobs.resetCounters(run.job.id());
      checkpoints.restart();
      jobs.mergeDoc(run.job.id(), Json.object().put("restartedFromBeginning", why));
    }
    List<ErrorActions.RetryTarget> targets = errors.claimedBy(run.job.id());
    long lastExportAt = Contexts.currentExportAt(run);
    for (int from = 0; from < targets.size() && !run.stopping(); from += RETRY_PAGE) {
      List<ErrorActions.RetryTarget> chunk =
          targets.subList(from, Math.min(targets.size(), from + RETRY_PAGE));
      List<ObjectNode> records =
          chunk.stream().map(t -> t.data() instanceof ObjectNode o ? o : Json.object()).toList();
      boolean canceled = false;
      run.beginPage(); // the chunk's counts are written with what it settles, or not at all
      try {
        if (source == null && router >= 0)
          pipeline.replayAtRouter(run, prepared, records, router, lastExportAt);
        else pipeline.replay(run, prepared, source, records, first, lastExportAt);
      } catch (JobRun.Canceled e) {
        canceled = true; // the chunk's errors stay open (claimed until the job ends)
      } catch (AdaptorException e) {
        if (e.kind() == AdaptorException.Kind.AUTH)
          markOffline(source == null ? null : source.endpoint(), e);
        run.fail(e.code() == null ? "step_failed" : e.code(), e.getMessage());
      } catch (Throwable e) {
        unexpected(run, e);
      }
      java.util.Map<String, io.tributary.jobs.Counts> counts = run.endPage();
      if (run.handingOver()) return false; // the chunk's errors stay claimed: replayed again
      if (canceled) {
        run.countNow(counts); // the job ends here: what the chunk did stands
        break;
      }
      checkpoints.chunkDone(counts, h -> errors.settleRetried(h, run.job.id(), chunk));
    }
    return !run.handingOver();
  }

  /** The index of the router with this id (a retry of records that failed there), or -1. */
  private static int routerIndex(RunPlan plan, String id) {
    for (RunPlan.Router r : plan.routers()) if (r.id().equals(id)) return r.index();
    return -1;
  }

  /**
   * The steps a retry's records may reach: from the source, every step; from a step of a linear
   * flow, it and the steps after it; from a step or router of a routed flow, what its path reaches.
   */
  private static List<RunPlan.Step> retried(
      JobRun run, RunPlan.Source source, int first, int router) {
    RunPlan plan = run.plan;
    if (source != null) return plan.steps();
    if (!plan.routed()) return plan.steps().subList(first, plan.steps().size());
    return RouterWalk.reachable(
        plan,
        first < plan.steps().size()
            ? RouterWalk.Entry.step(first)
            : RouterWalk.Entry.router(router));
  }

  /**
   * A canceled run that did not stop (an adaptor call ignores interrupts): its job ends without it.
   */
  private void abandon(JobRun run) {
    for (String child : run.sourceJobs.values()) jobs.finish(child, JobStatus.CANCELED, null);
    for (String child : run.stepJobs.values()) jobs.finish(child, JobStatus.CANCELED, null);
    jobs.finish(
        run.job.id(),
        JobStatus.CANCELED,
        failure(
                "abandoned",
                "The job was canceled while an adaptor call was stuck; the call was abandoned.")
            .put("doneExporting", true));
    observer.jobEnded(run.job.type().wire(), JobStatus.CANCELED);
    if (run.job.type() == JobType.RETRY) errors.release(run.job.id());
    abandoned.abandoned(run.job.flowId(), run.job.id());
  }

  /**
   * Takes offline the one connection whose credentials were refused: the failing step's (carried by
   * {@link RefusedCredentials}), else the source's that was being read.
   */
  private void markOffline(RunPlan.Endpoint source, AdaptorException e) {
    String connectionId =
        e instanceof RefusedCredentials r
            ? r.connectionId()
            : source == null ? null : source.connectionId();
    if (connectionId != null && e.getMessage() != null)
      offline.markOffline(connectionId, e.getMessage());
  }

  private long lastExportAt(JobRun run, RunPlan.Source source) {
    Long start = run.request.startDate();
    if (start != null) return start;
    Optional<Long> stored = delta.lastExportAt(run.job.flowId(), source.endpoint().resourceId());
    if (stored.isPresent()) return stored.get();
    Long configured = source.deltaStartDate();
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
    boolean completed = status == JobStatus.COMPLETED && run.job.type() != JobType.RETRY;
    if (completed) {
      // Before the job shows as completed: a client that sees it so and runs again must get the
      // next window.
      long current = Contexts.currentExportAt(run);
      for (RunPlan.Source s : run.plan.sources())
        delta.set(run.job.flowId(), s.endpoint().resourceId(), current);
    }
    boolean ended = jobs.finish(run.job.id(), status, extra);
    LOG.info(
        "{} job ended: {}{}",
        run.job.type().wire(),
        status,
        run.failure() == null ? "" : " (" + run.failure().code() + ")");
    if (ended) observer.jobEnded(run.job.type().wire(), status);
    if (run.job.type() == JobType.RETRY) errors.release(run.job.id());
    if (!ended) return;
    if (completed) {
      List<String> next = run.flow().runNextFlowIds();
      if (!next.isEmpty()) chainer.runNext(run.job.flowId(), next);
    }
  }

  private static ObjectNode failure(String code, String message) {
    ObjectNode extra = Json.object();
    extra.putArray("errors").addObject().put("code", code).put("message", message);
    return extra;
  }
}
