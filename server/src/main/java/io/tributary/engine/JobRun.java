package io.tributary.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.Times;
import io.tributary.jobs.Counts;
import io.tributary.jobs.Job;
import io.tributary.jobs.JobStore;
import io.tributary.web.Json;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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

  /** What the job's adaptors keep for it; closed by {@link #closeSessions()} when the job ends. */
  final JobSessions sessions;

  private final JobStore jobs;
  private final JobCounters counters;
  private final Clock clock;
  private final AtomicReference<Failure> failure = new AtomicReference<>();
  private final Set<Thread> inAdaptorCalls = new HashSet<>(); // guarded by itself
  private volatile boolean canceled;
  private volatile boolean handingOver; // the node stops or lost the job: stop, do not end it
  private volatile boolean aborted; // hand-over grace over: calls in flight are interrupted
  private volatile boolean lost; // another node owns the job now
  private final ThreadLocal<Map<String, Counts>> pageCounts = new InheritableThreadLocal<>();

  /** The node that runs the job (null without a cluster); the checkpoint's fence. */
  final String node;

  private volatile long checkedAt;

  final Request request;

  /** Thrown in place of what an adaptor call threw when the job was canceled during the call. */
  static final class Canceled extends RuntimeException {
    Canceled() {
      super("The job was canceled.", null, false, false);
    }
  }

  /** Why the job could not go on. */
  record Failure(String code, String message) {}

  /**
   * What the job was asked to do, as its document keeps it (a run request's window and params, a
   * retry's step), read once. The dates are epoch millis or null.
   */
  record Request(ObjectNode params, Long startDate, Long endDate, String retryStepId) {
    static Request of(ObjectNode doc) {
      return new Request(
          doc.path("params") instanceof ObjectNode p ? p : Json.object(),
          Times.parse(doc.path("startDate").asText(null)),
          Times.parse(doc.path("endDate").asText(null)),
          doc.path("_stepId").asText());
    }
  }

  JobRun(Job job, RunPlan plan, JobStore jobs, Clock clock, String node) {
    this.node = node;
    this.job = job;
    this.plan = plan;
    this.jobs = jobs;
    this.counters = new JobCounters(jobs);
    this.clock = clock;
    this.startedAt = job.startedAt() != null ? job.startedAt() : clock.millis();
    this.request = Request.of(job.doc());
    this.sessions = new JobSessions(job.id(), plan);
  }

  void closeSessions() {
    sessions.close();
  }

  /** How the job went so far: failed, canceled or completed. */
  io.tributary.adaptors.JobSession.Outcome outcome() {
    if (failure() != null) return io.tributary.adaptors.JobSession.Outcome.FAILED;
    if (canceled()) return io.tributary.adaptors.JobSession.Outcome.CANCELED;
    return io.tributary.adaptors.JobSession.Outcome.COMPLETED;
  }

  RunPlan.Flow flow() {
    return plan.flow();
  }

  /** True once the job was canceled or failed; checks the store at most every 200 ms. */
  boolean stopping() {
    return handingOver || stopCalls();
  }

  /**
   * Whether adaptor calls and slot waits must give up: the job was canceled or failed, or a
   * hand-over's grace is over. A hand-over alone lets the pages in flight finish.
   */
  boolean stopCalls() {
    if (canceled || aborted || failure.get() != null) return true;
    long now = clock.millis();
    if (now - checkedAt >= CANCEL_CHECK_MILLIS) {
      checkedAt = now;
      canceled = jobs.cancelRequested(job.id());
    }
    return canceled || aborted || failure.get() != null;
  }

  /** Stops taking pages: those in flight finish and are checkpointed, then the job is released. */
  void handOver() {
    handingOver = true;
  }

  boolean handingOver() {
    return handingOver;
  }

  /** The grace period is over: the calls still in flight are interrupted, their pages redone. */
  void abort() {
    handingOver = true;
    aborted = true;
    synchronized (inAdaptorCalls) {
      inAdaptorCalls.forEach(Thread::interrupt);
    }
  }

  /**
   * Another run owns the job now (the checkpoint found another node owning it, or this node claimed
   * it again after it was taken back): this run stops and ends nothing. Synchronized with {@link
   * Checkpoints}' writes, so that once it returns this run writes nothing more.
   */
  synchronized void lost() {
    lost = true;
    abort();
  }

  boolean isLost() {
    return lost;
  }

  boolean canceled() {
    return canceled || jobs.cancelRequested(job.id());
  }

  /**
   * Runs an adaptor call so that a cancel can interrupt it (a call stuck on a remote system must
   * not keep the job running). Only adaptor calls are interrupted, never the engine's own store
   * writes. When the job was canceled and the call failed, {@link Canceled} is thrown instead: its
   * records are neither delivered nor failed, the next run exports them again.
   */
  <T> T adaptorCall(Supplier<T> call) {
    if (canceled || aborted) throw new Canceled();
    Thread self = Thread.currentThread();
    synchronized (inAdaptorCalls) {
      inAdaptorCalls.add(self);
    }
    try {
      return call.get();
    } catch (RuntimeException | Error e) {
      if (canceled || aborted) throw new Canceled();
      throw e;
    } finally {
      synchronized (inAdaptorCalls) {
        inAdaptorCalls.remove(self);
      }
      if (Thread.interrupted() && !canceled && !aborted)
        self.interrupt(); // an interrupt meant for the call stays out of the store
    }
  }

  /** Marks the job canceled and interrupts its adaptor calls in flight. */
  void cancelNow() {
    canceled = true;
    synchronized (inAdaptorCalls) {
      inAdaptorCalls.forEach(Thread::interrupt);
    }
  }

  /** Sources whose preSavePage hook answered {@code abort}: they export no further page. */
  private final Set<Integer> abortedSources = ConcurrentHashMap.newKeySet();

  void abortSource(int sourceIndex) {
    abortedSources.add(sourceIndex);
  }

  boolean aborted(int sourceIndex) {
    return abortedSources.contains(sourceIndex);
  }

  void fail(String code, String message) {
    failure.compareAndSet(null, new Failure(code, message));
  }

  Failure failure() {
    return failure.get();
  }

  /** Adds to a child (step) job's counters. */
  void countStep(String childJobId, Counts c) {
    count(childJobId, c);
  }

  /** Adds to the flow job's counters (records exported, ignored, failed, completed; pages). */
  void countFlow(Counts c) {
    count(job.id(), c);
  }

  /**
   * Counts made while a page goes through the steps are the page's: written with its checkpoint, so
   * that a resumed job counts each record once. Others (a source's errors) are written at once.
   */
  private void count(String jobId, Counts c) {
    Map<String, Counts> page = pageCounts.get();
    if (page != null) page.merge(jobId, c, Counts::plus);
    else counters.add(jobId, c);
  }

  /** Starts collecting the counts of the page this thread processes. */
  void beginPage() {
    pageCounts.set(new ConcurrentHashMap<>());
  }

  /** The counts of this thread's page, no longer collected. */
  Map<String, Counts> endPage() {
    Map<String, Counts> page = pageCounts.get();
    pageCounts.remove();
    return page == null ? Map.of() : page;
  }

  /** Counts of a page that will not be checkpointed but stand (the job fails or is canceled). */
  void countNow(Map<String, Counts> page) {
    page.forEach(counters::add);
  }

  /** Writes every counter increment still in memory; after this they are written at once. */
  void closeCounters() {
    counters.close();
  }

  boolean skipRetries(RunPlan.Source source) {
    return plan.flow().skipRetries() || (source != null && source.skipRetries());
  }
}
