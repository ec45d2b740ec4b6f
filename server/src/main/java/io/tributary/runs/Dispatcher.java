package io.tributary.runs;

import io.tributary.jobs.JobStore;
import java.util.List;
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
  private final String node;
  private volatile boolean accepting = true;
  private JobRunner runner;

  /** Runs one claimed flow job to its end, on the calling thread (the engine). */
  @FunctionalInterface
  public interface JobRunner {
    void run(String flowJobId);
  }

  /** {@code node}: the cluster node this process is; the jobs it claims are owned by it. */
  public Dispatcher(JobStore jobs, JobSignals signals, String node) {
    this.jobs = jobs;
    this.signals = signals;
    this.node = node;
  }

  public String node() {
    return node;
  }

  /** Set once at wiring time: the runner needs the dispatcher too (to chain flows). */
  public void runner(JobRunner jobRunner) {
    this.runner = jobRunner;
  }

  public void poke(String flowId) {
    if (executor.isShutdown() || !accepting) return;
    try {
      executor.submit(() -> drain(flowId));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: another node takes the work
    }
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
    if (!accepting) return;
    try {
      next = jobs.claimNext(flowId, node);
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
      if (!accepting) {
        // The node stops and cut the run short: the job goes back to the queue (releaseAll).
        LOG.warn("flow job {} was cut short by the stop: {}", next.get(), e.toString());
      } else {
        LOG.error("flow job {} of flow {} ended abnormally", next.get(), flowId, e);
        failLeftRunning(next.get(), e);
      }
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

  /**
   * Jobs whose node is gone go back to the queue, to resume from their checkpoint (D26): those of
   * nodes silent since before {@code deadBefore}, and those of {@code previous} (this node's
   * earlier lives, before a restart). Live nodes' jobs are never touched. Then queued work is
   * looked for.
   */
  public List<String> recover(long deadBefore, List<String> previous) {
    List<String> released = jobs.releaseOrphans(deadBefore, previous);
    for (String id : released)
      LOG.warn("job {} was running on a node that stopped; queued to resume", id);
    pollQueued();
    return released;
  }

  /** Starts queued jobs of any flow (asked on another node, or handed over). */
  public void pollQueued() {
    if (!accepting) return;
    jobs.flowsWithQueuedJobs().forEach(this::poke);
  }

  /** After a stop: what this node still owns goes back to the queue, for another node. */
  public void releaseAll() {
    try {
      int n = jobs.releaseAll(node);
      if (n > 0) LOG.info("{} job(s) this node had claimed went back to the queue", n);
    } catch (RuntimeException e) {
      LOG.warn("could not hand back this node's jobs: {}", e.getMessage());
    }
  }

  /** The node stops: no new job is claimed here. */
  public void stopAccepting() {
    accepting = false;
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
