package io.tributary.engine;

import io.tributary.jobs.Counts;
import io.tributary.jobs.JobStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A running job's counter increments, summed in memory and written at most every {@link
 * #FLUSH_MILLIS} by a flusher thread, and once more when the job ends: a job of thousands of pages
 * would otherwise write its counters several times for every page. Readers of a running job see
 * counts that are at most that much behind.
 */
final class JobCounters implements AutoCloseable {
  private static final long FLUSH_MILLIS = 200;
  private final JobStore jobs;
  private final Map<String, Counts> pending = new ConcurrentHashMap<>();
  private volatile Thread flusher;
  private volatile boolean closed;

  JobCounters(JobStore jobs) {
    this.jobs = jobs;
  }

  void add(String jobId, Counts c) {
    if (c.isZero()) return;
    if (closed) {
      jobs.add(jobId, c); // a late page after the end: written at once
      return;
    }
    pending.merge(jobId, c, Counts::plus);
    if (flusher == null) startFlusher();
  }

  private synchronized void startFlusher() {
    if (flusher != null || closed) return;
    flusher =
        Thread.ofVirtual()
            .name("job-counters")
            .start(
                () -> {
                  while (!closed) {
                    // Parked, not slept: close() wakes it with unpark, never with an interrupt,
                    // because an interrupt landing in the middle of flush()'s database write lost
                    // the counts it had taken.
                    java.util.concurrent.locks.LockSupport.parkNanos(FLUSH_MILLIS * 1_000_000L);
                    if (!closed) flush();
                  }
                });
  }

  /** Writes what was added so far; concurrent adds land in this write or the next. */
  synchronized void flush() {
    for (String id : pending.keySet()) {
      Counts c = pending.remove(id);
      if (c != null) jobs.add(id, c);
    }
  }

  /** Stops the flusher and writes the rest: called before the job is marked ended. */
  @Override
  public void close() {
    closed = true;
    Thread t = flusher;
    if (t != null) java.util.concurrent.locks.LockSupport.unpark(t);
    flush(); // synchronized: waits for a flush the flusher may be doing, then writes the rest
  }
}
