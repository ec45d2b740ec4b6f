package io.tributary.engine;

import io.tributary.jobs.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one running job for a cancel (asked on this node or another: it reads the store) so that
 * a cancel ends the job within seconds even when an adaptor call is stuck: the job's adaptor calls
 * are interrupted at once, and when the run has still not ended {@link #ABANDON_AFTER_MILLIS}
 * later, the run is abandoned: the job is ended as canceled without it and the flow's next job may
 * start. Closed when the run ends.
 */
final class CancelWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CancelWatch.class);
  static final long POLL_MILLIS = 250;
  static final long ABANDON_AFTER_MILLIS = 5_000;
  private final Thread thread;

  CancelWatch(JobRun run, JobStore jobs, Runnable abandon) {
    this.thread =
        Thread.ofVirtual()
            .name("cancel-watch-" + run.job.id())
            .start(
                () -> {
                  try {
                    while (!jobs.cancelRequested(run.job.id())) Thread.sleep(POLL_MILLIS);
                    run.cancelNow();
                    Thread.sleep(ABANDON_AFTER_MILLIS);
                    LOG.warn(
                        "flow job {}: still running {} ms after it was canceled; abandoning the run",
                        run.job.id(),
                        ABANDON_AFTER_MILLIS);
                    abandon.run();
                  } catch (InterruptedException e) {
                    // The run ended: nothing to watch.
                  } catch (RuntimeException e) {
                    LOG.warn(
                        "flow job {}: the cancel watch stopped: {}", run.job.id(), e.getMessage());
                  }
                });
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
