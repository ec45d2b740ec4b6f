package io.tributary.webhooks;

import io.tributary.jobs.JobStore;
import io.tributary.runs.RunRequest;
import io.tributary.runs.RunService;
import io.tributary.web.Actor;
import io.tributary.web.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the jobs that take records out of the inbox, as few as will do: none while a job of the
 * flow is queued and has not started reading yet, or while one is reading (it takes new records
 * too). A flow whose records wait with no job for them (after a restart, or when a job stopped
 * early) is started by {@link #sweep}.
 */
final class Triggers {
  private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);
  static final Actor WEBHOOK = new Actor(null, "webhook", null, "webhook");

  /**
   * A queued job that never started reading (its flow could not be planned) stops holding new jobs
   * back after this long.
   */
  private static final long QUEUED_STALE_MILLIS = 10_000;

  /** A flow whose records wait without a job is started by the sweep at most this often. */
  private static final long SWEEP_BACKOFF_MILLIS = 60_000;

  private final RunService runs;
  private final JobStore jobs;
  private final Map<String, Long> queued = new ConcurrentHashMap<>();
  private final Map<String, InboxFeed> reading = new ConcurrentHashMap<>();
  private final Map<String, Long> swept = new ConcurrentHashMap<>();

  Triggers(RunService runs, JobStore jobs) {
    this.runs = runs;
    this.jobs = jobs;
  }

  /** Records for {@code flowId} were stored: make sure a job will read them. */
  void stored(String flowId, String exportId) {
    InboxFeed feed = reading.get(flowId);
    if (feed != null && feed.reading()) return;
    Long at = queued.get(flowId);
    if (at != null && System.currentTimeMillis() - at < QUEUED_STALE_MILLIS) return;
    synchronized (this) {
      feed = reading.get(flowId);
      if (feed != null && feed.reading()) return;
      at = queued.get(flowId);
      if (at != null && System.currentTimeMillis() - at < QUEUED_STALE_MILLIS) return;
      queue(flowId, exportId);
    }
  }

  private void queue(String flowId, String exportId) {
    // Noted before the job exists: it may start, read and end before run() returns.
    queued.put(flowId, System.currentTimeMillis());
    try {
      runs.run(flowId, new RunRequest(List.of(exportId), null, null, Json.object()), WEBHOOK);
    } catch (RuntimeException e) {
      queued.remove(flowId);
      // The records stay in the inbox; the next request or the sweep tries again.
      LOG.warn(
          "flow {}: could not queue a job for its webhook records: {}", flowId, e.getMessage());
    }
  }

  /** A job's feed started reading: new records are its own. */
  void opened(String flowId, InboxFeed feed) {
    reading.put(flowId, feed);
    queued.remove(flowId);
  }

  /** A feed ended; one that stopped early (records remain) hands on to a new job. */
  void closed(String flowId, String exportId, InboxFeed feed, boolean stoppedEarly) {
    reading.remove(flowId, feed);
    if (stoppedEarly) stored(flowId, exportId);
  }

  /**
   * Starts a job for each flow whose records wait with no active job (after a restart, a failed or
   * canceled job); a flow whose jobs keep failing is tried again at most once a minute.
   */
  void sweep(List<Inbox.Waiting> waiting) {
    long now = System.currentTimeMillis();
    for (Inbox.Waiting w : waiting) {
      Long last = swept.get(w.flowId());
      if (last != null && now - last < SWEEP_BACKOFF_MILLIS) continue;
      if (reading.containsKey(w.flowId()) || jobs.busy(w.flowId(), null)) continue;
      swept.put(w.flowId(), now);
      synchronized (this) {
        queue(w.flowId(), w.exportId());
      }
    }
  }
}
