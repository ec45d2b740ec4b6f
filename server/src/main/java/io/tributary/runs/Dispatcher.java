package io.tributary.runs;

import io.tributary.jobs.JobStore;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts queued flow jobs, one at a time per flow (D10), each on its own virtual thread. When a job
 * ends, the flow's next queued job starts.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final JobStore jobs;
  private final JobSignals signals;
  private JobRunner runner;

  /** Runs one claimed flow job to its end, on the calling thread (the engine). */
  @FunctionalInterface
  public interface JobRunner {
    void run(String flowJobId);
  }

  public Dispatcher(JobStore jobs, JobSignals signals) {
    this.jobs = jobs;
    this.signals = signals;
  }

  /** Set once at wiring time: the runner needs the dispatcher too (to chain flows). */
  public void runner(JobRunner jobRunner) {
    this.runner = jobRunner;
  }

  public void poke(String flowId) {
    if (executor.isShutdown()) return;
    executor.submit(() -> drain(flowId));
  }

  /**
   * The engine gave up on a job still running (a cancel left an adaptor call stuck): its waiters
   * are told it ended and the flow's next queued job may start.
   */
  public void abandoned(String flowId, String jobId) {
    signals.ended(jobId);
    poke(flowId);
  }

  private void drain(String flowId) {
    Optional<String> next;
    try {
      next = jobs.claimNext(flowId);
    } catch (RuntimeException e) {
      LOG.error("could not claim the next job of flow {}", flowId, e);
      return;
    }
    if (next.isEmpty()) return;
    try {
      runner.run(next.get());
    } catch (Throwable e) {
      org.slf4j.MDC.put("flowId", flowId); // the engine's LogContext keys
      org.slf4j.MDC.put("jobId", next.get());
      LOG.error("flow job {} of flow {} ended abnormally", next.get(), flowId, e);
      failLeftRunning(next.get(), e);
    } finally {
      signals.ended(next.get());
      org.slf4j.MDC.clear();
      poke(flowId);
    }
  }

  /**
   * A job whose runner itself failed must not stay running (and block its flow) until a restart.
   */
  private void failLeftRunning(String jobId, Throwable e) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode extra = io.tributary.web.Json.object();
      extra
          .putArray("errors")
          .addObject()
          .put("code", "internal_error")
          .put("message", "The run ended abnormally: " + io.tributary.core.Throwables.describe(e));
      jobs.finish(jobId, io.tributary.jobs.JobStatus.FAILED, extra);
    } catch (RuntimeException again) {
      LOG.error("could not mark job {} failed", jobId, again);
    }
  }

  /** After a restart: jobs left running cannot finish (they are failed); queued ones start. */
  public void recover() {
    for (String id : jobs.failInterrupted("The server stopped while this job was running.")) {
      LOG.warn("job {} was running when the server stopped; marked failed", id);
    }
    jobs.flowsWithQueuedJobs().forEach(this::poke);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
