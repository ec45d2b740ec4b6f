package io.tributary.engine;

import io.tributary.jobs.JobStore;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts queued flow jobs, one at a time per flow (D10), each on its own virtual thread. When a
 * job ends, the flow's next queued job starts.
 */
public final class Dispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final JobStore jobs;
  private FlowRunner runner;

  public Dispatcher(JobStore jobs) {
    this.jobs = jobs;
  }

  /** Set once at wiring time: the runner needs the dispatcher too (to chain flows). */
  public void runner(FlowRunner flowRunner) {
    this.runner = flowRunner;
  }

  public void poke(String flowId) {
    if (executor.isShutdown()) return;
    executor.submit(() -> drain(flowId));
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
      org.slf4j.MDC.put(LogContext.FLOW, flowId);
      org.slf4j.MDC.put(LogContext.JOB, next.get());
      LOG.error("flow job {} of flow {} ended abnormally", next.get(), flowId, e);
      failLeftRunning(next.get(), e);
    } finally {
      org.slf4j.MDC.clear();
      poke(flowId);
    }
  }

  /** A job whose runner itself failed must not stay running (and block its flow) until a restart. */
  private void failLeftRunning(String jobId, Throwable e) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode extra = io.tributary.web.Json.object();
      extra.putArray("errors").addObject().put("code", "internal_error")
          .put("message", "The run ended abnormally: " + Throwables.describe(e));
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
